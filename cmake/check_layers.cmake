# Fails when an include climbs up the layers (cli -> app -> formats -> analyzer) or
# a layer includes a dependency it must not have. Run at build time:
#   cmake -DROOT=<source dir> -P cmake/check_layers.cmake
# Each rule: a folder, then the include patterns (regexes on what follows
# "#include ") that its files must not use.
set(RULES
  "analyzer|\"formats/|\"app/|\"cli/|<CLI/|<google/protobuf|\"profile\\.pb\\.h\"|<graphviz/|<gvc\\.h>|<cgraph\\.h>|<nlohmann/|<libdeflate\\.h>|<isa-l|<xxhash\\.h>|<fstream>|<iostream>"
  "formats|\"app/|\"cli/|<CLI/"
  "app|\"cli/|<CLI/|<graphviz/|<gvc\\.h>|<cgraph\\.h>|<google/protobuf|\"profile\\.pb\\.h\""
  "cli|\"formats/|<google/protobuf|\"profile\\.pb\\.h\"|<graphviz/|<gvc\\.h>|<cgraph\\.h>")
# Inside formats/: only the output renderers include Graphviz, only the pprof
# family the generated protobuf code.
foreach(family io perf folded python json callgrind go)
  list(APPEND RULES "formats/${family}|<graphviz/|<gvc\\.h>|<cgraph\\.h>|<google/protobuf|\"profile\\.pb\\.h\"")
endforeach()
list(APPEND RULES "formats/output|<google/protobuf|\"profile\\.pb\\.h\"" "formats/pprof|<graphviz/|<gvc\\.h>|<cgraph\\.h>")
# Only formats/io/ talks to the network: libcurl (URL inputs) and cpp-httplib
# (proflens serve's server).
foreach(layer analyzer app cli formats/output formats/pprof formats/perf formats/folded formats/python formats/json formats/callgrind)
  list(APPEND RULES "${layer}|<curl/|<httplib\\.h>")
endforeach()
set(problems "")
foreach(rule IN LISTS RULES)
  string(REPLACE "|" ";" parts "${rule}")
  list(POP_FRONT parts layer)
  file(GLOB_RECURSE files ${ROOT}/${layer}/*.h ${ROOT}/${layer}/*.cpp)
  foreach(file IN LISTS files)
    file(STRINGS ${file} includes REGEX "^[ \t]*#[ \t]*include")
    foreach(line IN LISTS includes)
      foreach(pattern IN LISTS parts)
        if(line MATCHES "include[ \t]*${pattern}")
          file(RELATIVE_PATH rel ${ROOT} ${file})
          string(APPEND problems "\n  ${rel}: ${line} (${layer}/ must not include ${pattern})")
        endif()
      endforeach()
    endforeach()
  endforeach()
endforeach()
if(problems)
  message(FATAL_ERROR "includes that break the layers (cli -> app -> formats -> analyzer):${problems}")
endif()
