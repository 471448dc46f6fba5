# Runs PROGRAM and compares its whole standard output with the file EXPECTED; a difference (or a
# non-zero exit) fails the test and shows both. ZHENGCE_UPDATE_GOLDEN=1 in the environment rewrites EXPECTED.
execute_process(COMMAND ${PROGRAM} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${rc}:\n${err}")
endif()
if(DEFINED ENV{ZHENGCE_UPDATE_GOLDEN})
  file(WRITE ${EXPECTED} "${out}")
  return()
endif()
file(READ ${EXPECTED} want)
if(NOT out STREQUAL want)
  message(FATAL_ERROR "the output differs from ${EXPECTED} (ZHENGCE_UPDATE_GOLDEN=1 rewrites it)\n--- got:\n${out}\n--- want:\n${want}")
endif()
