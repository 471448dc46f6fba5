// The manual page zhengce(1), generated from docs/cli.md so that the command line is documented
// once: headings become sections, paragraphs text, fenced blocks examples, tables tagged
// paragraphs, `code` bold. It reads the small Markdown docs/cli.md uses, not Markdown in general.
#pragma once
#include <string>
#include <string_view>

namespace zc::cli {

// roff for man(7). `version` goes in the footer, `date` (YYYY-MM-DD) in the header.
std::string markdown_to_man(std::string_view markdown, const std::string& version, const std::string& date);

}  // namespace zc::cli
