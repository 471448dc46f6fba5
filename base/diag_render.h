// The one diagnostic renderer: human (rustc-like snippets, Chinese or English, optional ANSI colour),
// json (schema in docs/diagnostics.md), sarif (SARIF 2.1.0) and github (workflow commands).
// It only formats: deciding whether to colour, where to write and which exit code to use is the CLI's job.
#pragma once
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/diag.h"
#include "base/source.h"

namespace zc {

enum class DiagFormat : uint8_t { Human, Json, Sarif, Github };

// "human", "json", "sarif", "github" (as accepted by --format).
std::optional<DiagFormat> parse_diag_format(std::string_view name);
// "zh", "en" (as accepted by --lang).
std::optional<Lang> parse_lang(std::string_view name);

// Columns of a tab stop when a source line is shown in a snippet.
inline constexpr int kTabWidth = 4;
// runs[0].tool.driver.version in SARIF output (the project's version, from CMake).
inline constexpr std::string_view kToolVersion = ZHENGCE_VERSION;

// Writes every diagnostic in `diags`, in order. `color` adds ANSI escapes and applies to the human
// format only. Human output ends each diagnostic with a blank line and prints no summary (see
// diag_summary); json and sarif write one document including any summary; github writes one line each.
// Every span must belong to a file of `sm` (checked by ZC_ASSERT).
void render_diagnostics(const std::vector<Diagnostic>& diags, const SourceManager& sm, DiagFormat format, Lang lang,
                        bool color, std::ostream& out);

// The closing line of human output, without a line break: "发现 2 个错误，1 个警告",
// "2 errors, 1 warning", "未发现问题", "no problems found". Notes are not counted.
std::string diag_summary(const std::vector<Diagnostic>& diags, Lang lang, bool color, size_t unlisted_errors = 0);

}  // namespace zc
