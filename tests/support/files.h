// The one helper every test reading a file uses: the whole file as bytes ("" when it cannot be read;
// the tests that care compare against expected text, so a missing file fails them visibly).
#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace zc::testing {

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace zc::testing
