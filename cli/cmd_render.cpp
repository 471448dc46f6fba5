// zhengce render FILE… [--format text|markdown|html|docx|pdf] [--annotated] [-o OUT]: the official
// text of each policy, generated from its encoding (compiler/render); .docx and PDF in the 公文 layout
// through pandoc and LibreOffice (cli/publish.cpp). It writes nothing when a file has errors.
// Exit: 0 rendered, 1 a policy has errors, 2 usage, unreadable input, unwritable output or a
// missing or failing external tool.
#include <iostream>

#include "cli/commands.h"
#include "cli/publish.h"

namespace zc::cli {

void add_render_command(CLI::App& app, Globals& g, int& exit_code) {
  struct Opts {
    std::vector<std::string> files;
    std::string format = "text";
    std::string output;
    bool annotated = false;
  };
  auto opts = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("render", "由编码生成政策全文：标题、正文、各级标题、决定句、说明与牵头单位、落款与版记");
  cmd->add_option("files", opts->files, "政策文件（.zc）")->required();
  cmd->add_option("--format", opts->format, "输出格式：text（默认）、markdown、html、docx、pdf（docx 与 pdf 为公文格式，须用 -o）")
      ->check(CLI::IsMember({"text", "markdown", "html", "docx", "pdf"}));
  cmd->add_flag("--annotated", opts->annotated, "HTML 对照页：每句政策文本旁列出生成它的编码（供审核）");
  cmd->add_option("-o,--output", opts->output, "写入该文件（默认输出到标准输出）");
  cmd->callback([&g, &exit_code, opts] {
    resolve_globals(g);
    std::vector<zhengce::Source> sources;
    bool io = false;
    for (const std::string& f : opts->files) {
      auto bytes = read_file(g, f);
      if (!bytes) { io = true; continue; }
      sources.push_back({f, std::move(*bytes)});
    }
    bool office = opts->format == "docx" || opts->format == "pdf";
    if (office && (opts->output.empty() || opts->files.size() != 1)) {
      fail(g, "--format " + opts->format + " 须写一个政策文件，并用 -o 指定输出文件",
           "--format " + opts->format + " takes one policy file and an output file (-o)");
      exit_code = kExitUsage;
      return;
    }
    if (opts->annotated && opts->format != "html" && opts->format != "text") {
      fail(g, "--annotated 只输出 HTML", "--annotated writes HTML only");
      exit_code = kExitUsage;
      return;
    }
    if (io) { exit_code = kExitUsage; return; }
    zhengce::RenderFormat f = office                              ? zhengce::RenderFormat::Pandoc
                              : opts->annotated                   ? zhengce::RenderFormat::AnnotatedHtml
                              : opts->format == "markdown"        ? zhengce::RenderFormat::Markdown
                              : opts->format == "html"            ? zhengce::RenderFormat::Html
                                                                  : zhengce::RenderFormat::Text;
    zhengce::Rendered r = zhengce::render(sources, f, g.lang);
    if (r.diagnostics.errors() > 0) {
      print_diagnostics(g, r.diagnostics);
      exit_code = kExitPolicy;
      return;
    }
    if (office) {
      PublishResult p = opts->format == "docx" ? write_docx(r.text, opts->output) : write_pdf(r.text, opts->output);
      if (!p.ok) fail(g, p.problem, p.problem);
      exit_code = p.ok ? kExitOk : kExitUsage;
      return;
    }
    if (!opts->output.empty()) {
      exit_code = write_file(g, opts->output, r.text) ? kExitOk : kExitUsage;
      return;
    }
    std::cout << r.text;
    exit_code = kExitOk;
  });
}

}  // namespace zc::cli
