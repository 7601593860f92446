# BGM_SANITIZE="address;undefined" (or "thread") adds the sanitizers to every target,
# after probing that the compiler and linker accept them.
add_library(bgm_options INTERFACE)
add_library(bgm::options ALIAS bgm_options)
if(BGM_SANITIZE)
  list(JOIN BGM_SANITIZE "," _bgm_san)
  include(CheckCXXSourceCompiles)
  set(CMAKE_REQUIRED_FLAGS "-fsanitize=${_bgm_san}")
  set(CMAKE_REQUIRED_LINK_OPTIONS "-fsanitize=${_bgm_san}")
  check_cxx_source_compiles("int main() { return 0; }" BGM_SANITIZERS_WORK)
  unset(CMAKE_REQUIRED_FLAGS)
  unset(CMAKE_REQUIRED_LINK_OPTIONS)
  if(NOT BGM_SANITIZERS_WORK)
    message(FATAL_ERROR "BGM_SANITIZE=${BGM_SANITIZE} is not supported by this toolchain")
  endif()
  # Sanitizers must also reach static libraries linked into the executable and tests.
  add_compile_options(-fsanitize=${_bgm_san} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${_bgm_san})
endif()
# Asio uses std::atomic_thread_fence, which GCC's TSan cannot model (-Wtsan); with
# -Werror that would stop the build, so the warning is off for TSan builds.
if(BGM_SANITIZE MATCHES "thread" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  add_compile_options(-Wno-tsan)
endif()
