// `render --format docx|pdf`: the document in pandoc's JSON model (compiler/render/docx.cpp) is
// written as .docx by pandoc with the 公文 reference document, and the .docx as PDF by LibreOffice
// (headless). Both are Debian packages (scripts/install-deps); nothing else is run, nothing fetched.
// It only runs the tools: the words and styles are decided by compiler/render.
#pragma once
#include <string>

namespace zc::cli {

struct PublishResult {
  bool ok = false;
  std::string problem;  // why not, in Chinese (the tool's own message appended)
};

// The 公文 reference document: $ZHENGCE_DATA_DIR/reference.docx, else share/zhengce/reference.docx
// beside the executable (the build tree) or one level up (an installed tree). "" if none exists.
std::string reference_docx();

// Writes `pandoc_json` as a .docx at `out`.
PublishResult write_docx(const std::string& pandoc_json, const std::string& out);
// Writes `pandoc_json` as a PDF at `out` (through a .docx, converted by LibreOffice).
PublishResult write_pdf(const std::string& pandoc_json, const std::string& out);

}  // namespace zc::cli
