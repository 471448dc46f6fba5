// See manpage.h. Markdown → roff, line by line:
//   # title            the page's NAME and SYNOPSIS come from the title and the first code block
//   ## heading         .SH at the top level of the document, .SS under COMMANDS
//   ``` … ```          .EX/.EE (an example, verbatim)
//   | a | b |          .TP with `a` as the tag and the other cells as its text
//   text               a paragraph; a blank line starts the next one (.PP)
// Inline: `code` → bold, [text](target) → text, ** ** dropped; roff's special characters escaped.
#include "cli/manpage.h"

#include <sstream>
#include <vector>

namespace zc::cli {
namespace {

// Escapes text for roff: backslashes, hyphens (an ASCII hyphen-minus in an option must stay one),
// and a control character at the start of a line.
std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

// Inline Markdown in running text.
std::string inline_text(std::string_view s) {
  std::string out;
  bool code = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '`') {
      out += code ? "\\fR" : "\\fB";
      code = !code;
    } else if (!code && c == '*' && i + 1 < s.size() && s[i + 1] == '*') {
      ++i;
    } else if (!code && c == '[') {
      size_t close = s.find("](", i);
      size_t end = close == std::string_view::npos ? close : s.find(')', close);
      if (end == std::string_view::npos) {
        out += '[';
        continue;
      }
      out += inline_text(s.substr(i + 1, close - i - 1));
      i = end;
    } else if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  if (code) out += "\\fR";
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

std::vector<std::string> cells(std::string_view row) {
  std::vector<std::string> out;
  size_t i = row.find('|');
  while (i != std::string_view::npos) {
    size_t j = row.find('|', i + 1);
    if (j == std::string_view::npos) break;
    std::string_view c = row.substr(i + 1, j - i - 1);
    while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
    while (!c.empty() && c.back() == ' ') c.remove_suffix(1);
    out.emplace_back(c);
    i = j;
  }
  return out;
}

bool is_rule_row(const std::vector<std::string>& c) {
  for (const std::string& s : c)
    if (s.find_first_not_of("-: ") != std::string::npos) return false;
  return true;
}

}  // namespace

std::string markdown_to_man(std::string_view markdown, const std::string& version, const std::string& date) {
  std::ostringstream out;
  out << ".\\\" Generated from docs/cli.md by zhengce_mangen; edit docs/cli.md, not this file.\n";
  out << ".TH ZHENGCE 1 \"" << date << "\" \"zhengce " << escape(version) << "\" \"User Commands\"\n";
  out << ".SH NAME\nzhengce \\- compile, check, evaluate and simulate Chinese science\\-and\\-technology subsidy policies\n";
  std::istringstream in{std::string(markdown)};
  std::string line;
  bool in_code = false, synopsis_done = false, in_commands = false, paragraph = false, table_header = false;
  while (std::getline(in, line)) {
    if (line.rfind("```", 0) == 0) {
      // The first code block is the synopsis; the others are examples.
      if (!in_code) {
        out << (synopsis_done ? ".PP\n.EX\n" : ".SH SYNOPSIS\n.nf\n");
      } else if (synopsis_done) {
        out << ".EE\n";
      } else {
        out << ".fi\n.SH DESCRIPTION\n";
        synopsis_done = true;
      }
      in_code = !in_code;
      paragraph = false;
      continue;
    }
    if (in_code) {
      out << escape(line) << "\n";
      continue;
    }
    if (line.rfind("# ", 0) == 0) continue;  // the title: NAME says it
    if (line.rfind("## ", 0) == 0) {
      std::string heading = line.substr(3);
      if (!in_commands) {
        out << ".SH COMMANDS\n";
        in_commands = true;
      }
      out << ".SS " << inline_text(heading) << "\n";
      paragraph = false;
      continue;
    }
    if (line.rfind("|", 0) == 0) {
      std::vector<std::string> c = cells(line);
      if (is_rule_row(c)) continue;
      if (!table_header) {  // the header row names the columns; the rows carry the meaning
        table_header = true;
        continue;
      }
      out << ".TP\n" << inline_text(c.empty() ? "" : c[0]) << "\n";
      std::string rest;
      for (size_t k = 1; k < c.size(); ++k) rest += (k > 1 ? " \xE2\x80\x94 " : "") + c[k];
      out << inline_text(rest) << "\n";
      paragraph = false;
      continue;
    }
    table_header = false;
    if (line.find_first_not_of(' ') == std::string::npos) {
      paragraph = false;
      continue;
    }
    if (!paragraph) out << ".PP\n";
    paragraph = true;
    std::string_view text = line;
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    out << inline_text(text) << "\n";
  }
  out << ".SH SEE ALSO\nThe full documentation is installed in \\fI/usr/share/doc/zhengce/\\fR (README.md and docs/*.md).\n";
  return out.str();
}

}  // namespace zc::cli
