// Result<T>: a value or an Error, carried up the call chain instead of exceptions.
// An Error holds the three parts of the one-line message the CLI prints,
// `<what>: <why> (<what to do>)`, and the exit status the failure maps to.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace unroot {

/// A failure described for a person: what was being done, why it failed, and
/// what to do about it. `status` is the exit status it deserves when it ends the
/// program (125 for unroot's own errors, 126/127 for a command that cannot run).
struct Error {
  std::string what;
  std::string why;
  std::string fix;
  int status = 125;

  /// `what: why (fix)`, without the program-name prefix.
  std::string message() const {
    std::string m = what + ": " + why;
    if (!fix.empty()) m += " (" + fix + ")";
    return m;
  }
};

/// Stands in for T in Result<Ok> when success carries no value.
struct Ok {};

/// Either a T or an E (an Error unless a module needs more, such as a
/// position); never both, never neither.
template <typename T, typename E = Error>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(E error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const E& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, E> v_;
};

using Status = Result<Ok>;

}  // namespace unroot
