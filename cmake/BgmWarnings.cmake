# Warning flags as an INTERFACE target, linked PRIVATE by every project target.
add_library(bgm_warnings INTERFACE)
add_library(bgm::warnings ALIAS bgm_warnings)
target_compile_options(bgm_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough
  $<$<CXX_COMPILER_ID:GNU>:-Wduplicated-cond -Wduplicated-branches -Wlogical-op>)
if(BGM_WERROR)
  target_compile_options(bgm_warnings INTERFACE -Werror)
endif()
# GCC 12 reports impossible overlaps in libstdc++'s std::string concatenation at -O2/-O3
# (GCC bug 105329, fixed in GCC 13); it is noise, not a finding, so it stays off there.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(bgm_warnings INTERFACE -Wno-restrict)
endif()
