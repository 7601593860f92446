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
