# bgm_add_component(NAME SOURCES a.cpp ... [TESTS a_test.cpp ...]
#                   [PUBLIC_DEPS ...] [PRIVATE_DEPS ...] [TEST_DEPS ...])
# Creates the static library bgm_<name> (alias bgm::<name>) with public headers in
# include/, and, when tests are on, bgm_<name>_test labelled `unit`.
function(bgm_add_component name)
  cmake_parse_arguments(ARG "" "" "SOURCES;TESTS;PUBLIC_DEPS;PRIVATE_DEPS;TEST_DEPS" ${ARGN})
  add_library(bgm_${name} STATIC ${ARG_SOURCES})
  add_library(bgm::${name} ALIAS bgm_${name})
  target_include_directories(bgm_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
                                         PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(bgm_${name} PUBLIC ${ARG_PUBLIC_DEPS}
                                    PRIVATE ${ARG_PRIVATE_DEPS} bgm::warnings bgm::options)
  if(BGM_BUILD_TESTS AND ARG_TESTS)
    add_executable(bgm_${name}_test ${ARG_TESTS})
    target_include_directories(bgm_${name}_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
    target_link_libraries(bgm_${name}_test PRIVATE bgm::${name} ${ARG_TEST_DEPS}
                          GTest::gtest GTest::gtest_main bgm::warnings bgm::options)
    gtest_discover_tests(bgm_${name}_test PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
