# Writes OUTPUT: a C++ file defining one string per template file, so the
# binary carries its report templates. Usage:
#   cmake -DOUTPUT=file.cpp -DINPUTS="a.js|b.css" -P embed_templates.cmake
string(REPLACE "|" ";" INPUTS "${INPUTS}")
set(content "// Generated from templates/ by cmake/embed_templates.cmake. Do not edit.\n#include \"formats/output/templates.h\"\n\nnamespace proflens {\n\n")
foreach(input ${INPUTS})
  get_filename_component(name ${input} NAME)
  string(MAKE_C_IDENTIFIER ${name} id)
  file(READ ${input} text)
  string(FIND "${text}" ")pl_tmpl\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${input} contains the raw string delimiter")
  endif()
  string(APPEND content "const std::string_view kTemplate_${id} = R\"pl_tmpl(${text})pl_tmpl\";\n\n")
endforeach()
string(APPEND content "}  // namespace proflens\n")
file(WRITE ${OUTPUT}.tmp "${content}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
