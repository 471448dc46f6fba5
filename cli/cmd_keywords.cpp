// zhengce keywords [--markdown | --textmate] [--update FILE]: list every keyword of the language with
// its meaning, straight from the lexer's table. --update rewrites the generated section of
// docs/language.md; --textmate prints the TextMate grammar editors highlight with (editors/vscode).
// Exit: 0 printed or updated, 2 the file could not be read, written, or has no generated section.
#include <iostream>

#include "cli/commands.h"
#include "service/textmate.h"

namespace zc::cli {

void add_keywords_command(CLI::App& app, Globals& g, int& exit_code) {
  struct Opts {
    bool markdown = false;
    bool textmate = false;
    std::string update;
  };
  auto opts = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("keywords", "列出语言的全部关键字及其含义");
  cmd->add_flag("--markdown", opts->markdown, "输出 Markdown 表格（docs/language.md 用）");
  cmd->add_flag("--textmate", opts->textmate, "输出编辑器用的 TextMate 语法（editors/vscode 用）");
  cmd->add_option("--update", opts->update, "重写该文件中自动生成的关键字表");
  cmd->callback([&g, &exit_code, opts] {
    resolve_globals(g);
    if (!opts->update.empty()) {
      auto doc = read_file(g, opts->update);
      if (!doc) { exit_code = kExitUsage; return; }
      if (!zhengce::replace_keywords_section(*doc)) {
        fail(g, "「" + opts->update + "」中没有自动生成区的标记", "`" + opts->update + "` has no generated-section markers");
        exit_code = kExitUsage;
        return;
      }
      exit_code = write_file(g, opts->update, *doc) ? kExitOk : kExitUsage;
      return;
    }
    if (opts->textmate) {
      std::cout << service::textmate_grammar();
    } else if (opts->markdown) {
      std::cout << zhengce::keywords_markdown();
    } else {
      for (const zhengce::Keyword& k : zhengce::keywords()) std::cout << k.spelling << "\t" << k.token << "\t" << k.meaning << "\n";
    }
    exit_code = kExitOk;
  });
}

}  // namespace zc::cli
