#include "support.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace bgm::itest {
namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

const config::Config& test_config() {
  static const config::Config cfg = [] {
    auto c = config::load(config::process_env());
    if (!c) {
      ADD_FAILURE() << "test configuration is invalid: " << c.error().message;
      std::abort();
    }
    return *c;
  }();
  return cfg;
}

db::mysql::Options mysql_options() { return db::mysql::options_from(test_config()); }

db::redis::Options redis_options() { return db::redis::options_from(test_config()); }

CommandResult run_binary(const std::string& args, const std::string& env_prefix, const std::string& stdin_text) {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / ("bgm_itest_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const auto in = dir / "stdin", out = dir / "stdout", err = dir / "stderr";
  {
    std::ofstream f(in, std::ios::binary);
    f << stdin_text;
  }
  const std::string cmd = env_prefix + " " + BGM_BINARY + " " + args + " <" + in.string() + " >" + out.string() +
                          " 2>" + err.string();
  const int status = std::system(cmd.c_str());  // NOLINT(cert-env33-c): test-only, fixed commands
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  fs::remove_all(dir);
  return r;
}

CommandResult run_until_sigterm(const std::string& args, const std::string& ready_text, const std::string& env_prefix) {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / ("bgm_itest_daemon_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const auto err = (dir / "stderr").string();
  const auto rc = (dir / "rc").string();
  const std::string cmd = "sh -c '" + env_prefix + " " + BGM_BINARY + " " + args + " 2>" + err +
                          " & pid=$!; i=0; while [ $i -lt 100 ] && ! grep -qF \"" + ready_text + "\" " + err +
                          "; do sleep 0.05; i=$((i+1)); done; kill -TERM $pid; wait $pid; echo $? >" + rc + "'";
  CommandResult r;
  if (std::system(cmd.c_str()) != 0) return r;  // NOLINT(cert-env33-c): test-only, fixed commands
  std::ifstream rc_in(rc);
  rc_in >> r.exit_code;
  r.err = slurp(err);
  fs::remove_all(dir);
  return r;
}

}  // namespace bgm::itest
