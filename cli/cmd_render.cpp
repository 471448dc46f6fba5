// zhengce render FILE… [--format text|markdown|html] [-o OUT]: the official-language text of each
// policy, generated from its encoding (compiler/render). It prints nothing when a file has errors.
// Exit: 0 rendered, 1 a policy has errors, 2 usage, unreadable input or unwritable output.
#include <iostream>

#include "cli/commands.h"
#include "compiler/render/render.h"

namespace zc::cli {

void add_render_command(CLI::App& app, Globals& g, int& exit_code) {
  struct Opts {
    std::vector<std::string> files;
    std::string format = "text";
    std::string output;
  };
  auto opts = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("render", "由编码生成政策正文：标题、发文机关与日期、章、条、决定句、说明与牵头单位");
  cmd->add_option("files", opts->files, "政策文件（.zc）")->required();
  cmd->add_option("--format", opts->format, "输出格式：text（默认）、markdown、html")
      ->check(CLI::IsMember({"text", "markdown", "html"}));
  cmd->add_option("-o,--output", opts->output, "写入该文件（默认输出到标准输出）");
  cmd->callback([&g, &exit_code, opts] {
    resolve_globals(g);
    SourceManager sm;
    DiagSink sink;
    std::vector<std::shared_ptr<const ast::Policy>> policies;
    bool io = false;
    for (const std::string& f : opts->files) {
      auto bytes = read_file(g, f);
      if (!bytes) { io = true; continue; }
      FileId id = sm.add(f, std::move(*bytes));
      CompileOptions co;
      co.codegen = false;
      CompileResult r = compile(sm, id, sink, co);
      if (r.policy) policies.push_back(r.policy);
    }
    if (io) { exit_code = kExitUsage; return; }
    if (sink.error_count() > 0) {
      print_diagnostics(g, sink, sm, DiagFormat::Human);
      exit_code = kExitPolicy;
      return;
    }
    std::vector<render::Document> docs;
    for (const auto& p : policies) docs.push_back(render::build_document(*p));
    render::Format f = opts->format == "markdown" ? render::Format::Markdown
                       : opts->format == "html"   ? render::Format::Html
                                                  : render::Format::Text;
    std::string out = render::emit_all(docs, f);
    if (!opts->output.empty()) {
      exit_code = write_file(g, opts->output, out) ? kExitOk : kExitUsage;
      return;
    }
    std::cout << out;
    exit_code = kExitOk;
  });
}

}  // namespace zc::cli
