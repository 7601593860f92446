#pragma once
// Expected failures are values: bgm::Result<T> carries either T or an Error.

#include <boost/system/result.hpp>

#include <string>
#include <string_view>

namespace bgm {

enum class ErrorKind {
  kInvalidInput,
  kUnauthorized,
  kForbidden,
  kNotFound,
  kConflict,
  kUnavailable,
  kInternal,
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;
};

std::string_view to_string(ErrorKind kind) noexcept;

// Used by boost::system::result::value() when it holds an error.
[[noreturn]] void throw_exception_from_error(const Error& e, const boost::source_location& loc);

template <class T>
using Result = boost::system::result<T, Error>;

// Thrown only by startup code (main catches it); libraries return Result.
class FatalError : public std::exception {
 public:
  explicit FatalError(Error e) : error_(std::move(e)) {}
  const char* what() const noexcept override { return error_.message.c_str(); }
  const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

inline Error invalid_input(std::string msg) { return {ErrorKind::kInvalidInput, std::move(msg)}; }
inline Error unavailable(std::string msg) { return {ErrorKind::kUnavailable, std::move(msg)}; }
inline Error internal_error(std::string msg) { return {ErrorKind::kInternal, std::move(msg)}; }

}  // namespace bgm

// Unwraps a Result into `var` or returns its error from the enclosing function.
#define BGM_TRY(var, expr)                              \
  auto var##_result_ = (expr);                          \
  if (!var##_result_) return var##_result_.error();     \
  auto var = std::move(*var##_result_)
