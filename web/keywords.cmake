# Writes OUT (keywords.js) from DEF (compiler/syntax/keywords.def): every keyword spelling with its
# token and meaning, for the workbench's highlighting and completion. Generated at build time from
# the one keyword table, so the editor cannot drift from the lexer.
file(STRINGS "${DEF}" lines ENCODING UTF-8 REGEX "^KW\\(")
set(js "// Generated from compiler/syntax/keywords.def by web/keywords.cmake: do not edit.\n// [spelling, token, meaning], in the table's order.\nvar ZHENGCE_KEYWORDS = [\n")
foreach(line ${lines})
  if(line MATCHES "^KW\\(([A-Z_]+), \"([^\"]*)\", \"(.*)\"\\)")
    string(APPEND js "  [\"${CMAKE_MATCH_2}\", \"${CMAKE_MATCH_1}\", \"${CMAKE_MATCH_3}\"],\n")
  endif()
endforeach()
string(APPEND js "];\n")
file(WRITE "${OUT}" "${js}")
