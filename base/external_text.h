// Text that came from outside — file names, registry cells and header names, JSON keys and values,
// policy text — on its way into an output another program reads (JSON, SARIF, GitHub annotations,
// CSV) or a terminal. One rule for every output: each byte that does not start a valid UTF-8
// sequence becomes U+FFFD (one per byte, as diagnostics display a bad file), so an output is always
// valid UTF-8 and a JSON writer can never reject it. Nothing here judges input: readers still refuse
// invalid UTF-8 with a diagnostic; this only keeps the report of that refusal printable.
#pragma once
#include <string>
#include <string_view>

namespace zc {

// `s` with every invalid byte replaced by U+FFFD; a plain copy when `s` is valid.
std::string valid_utf8(std::string_view s);
// The same in place; does nothing (and allocates nothing) when `s` is valid.
void make_valid_utf8(std::string& s);

// One CSV field (RFC 4180): valid UTF-8, in double quotes with "" for a quote when it holds a comma,
// a quote, CR or LF, bare otherwise.
std::string csv_field(std::string_view s);

}  // namespace zc
