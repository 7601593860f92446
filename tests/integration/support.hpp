#pragma once
// Shared helpers for integration tests: configuration from the environment that
// scripts/test.sh prepares, clients, and a runner for the real executable.

#include <string>

#include "bgm/config/config.hpp"
#include "bgm/db/mysql/client.hpp"
#include "bgm/db/redis/client.hpp"

namespace bgm::itest {

// The configuration the test script exported (fails the test run when invalid).
const config::Config& test_config();
db::mysql::Options mysql_options();
db::redis::Options redis_options();

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `bangumi-backend <args>` through /bin/sh with `env_prefix` (e.g. "PORT=abc")
// prepended; captures stdout and stderr.
CommandResult run_binary(const std::string& args, const std::string& env_prefix = "",
                         const std::string& stdin_text = "");

// Starts `bangumi-backend <args>` in the background (with `env_prefix`), waits until its
// log contains `ready_text` (5 s at most), sends SIGTERM and waits for it to exit.
// Returns the exit code and everything it wrote to stderr.
CommandResult run_until_sigterm(const std::string& args, const std::string& ready_text, const std::string& env_prefix = "");

}  // namespace bgm::itest
