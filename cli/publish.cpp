// Running pandoc and LibreOffice for `render --format docx|pdf` (see publish.h). Each run works in
// a private temporary folder (LibreOffice gets its own profile there, so parallel runs never share
// one) that is removed afterwards.
#include "cli/publish.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

extern char** environ;

namespace zc::cli {
namespace fs = std::filesystem;
namespace {

// A temporary folder removed when it goes out of scope.
struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() / ("zhengce-render-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs argv[0] (found on PATH) with stdin from /dev/null and stdout, stderr into `log`. Returns the
// exit status, or -1 when the program could not be started.
int run(const std::vector<std::string>& argv, const fs::path& log) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

PublishResult tool_failed(const std::string& tool, int rc, const fs::path& log) {
  if (rc == -1) return {false, "无法运行 " + tool + "：请先安装（scripts/install-deps）"};
  std::string why = slurp(log);
  while (!why.empty() && (why.back() == '\n' || why.back() == '\r')) why.pop_back();
  return {false, tool + " 失败（退出码 " + std::to_string(rc) + "）" + (why.empty() ? "" : "：" + why)};
}

PublishResult docx_in(const TempDir& tmp, const std::string& pandoc_json, const fs::path& out) {
  std::string ref = reference_docx();
  if (ref.empty()) return {false, "找不到公文参考文档 reference.docx（构建时生成于 build/share/zhengce/；也可用 ZHENGCE_DATA_DIR 指定其目录）"};
  fs::path in = tmp.path / "document.json";
  std::ofstream(in, std::ios::binary) << pandoc_json;
  fs::path log = tmp.path / "pandoc.log";
  int rc = run({"pandoc", "--from=json", "--to=docx", "--reference-doc=" + ref, "--output=" + out.string(), in.string()}, log);
  if (rc != 0) return tool_failed("pandoc", rc, log);
  return {true, ""};
}

bool copy_out(const fs::path& from, const std::string& to, PublishResult& r) {
  std::error_code ec;
  fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
  if (ec) r = {false, "无法写入 " + to + "：" + ec.message()};
  return !ec;
}

}  // namespace

std::string reference_docx() {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("ZHENGCE_DATA_DIR"); env && *env) dirs.emplace_back(env);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    dirs.push_back(exe.parent_path() / "share" / "zhengce");
    dirs.push_back(exe.parent_path().parent_path() / "share" / "zhengce");
  }
  for (const fs::path& d : dirs)
    if (fs::exists(d / "reference.docx")) return (d / "reference.docx").string();
  return "";
}

PublishResult write_docx(const std::string& pandoc_json, const std::string& out) {
  TempDir tmp;
  fs::path docx = tmp.path / "document.docx";
  PublishResult r = docx_in(tmp, pandoc_json, docx);
  if (r.ok) copy_out(docx, out, r);
  return r;
}

PublishResult write_pdf(const std::string& pandoc_json, const std::string& out) {
  TempDir tmp;
  fs::path docx = tmp.path / "document.docx";
  PublishResult r = docx_in(tmp, pandoc_json, docx);
  if (!r.ok) return r;
  fs::path log = tmp.path / "soffice.log";
  int rc = run({"soffice", "-env:UserInstallation=file://" + (tmp.path / "profile").string(), "--headless", "--norestore",
                "--convert-to", "pdf", "--outdir", tmp.path.string(), docx.string()},
               log);
  fs::path pdf = tmp.path / "document.pdf";
  if (rc != 0 || !fs::exists(pdf)) {
    if (rc == 0) rc = 1;  // LibreOffice exits 0 even when it could not convert
    return tool_failed("soffice（LibreOffice）", rc, log);
  }
  copy_out(pdf, out, r);
  return r;
}

}  // namespace zc::cli
