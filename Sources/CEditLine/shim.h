// libedit (BSD editline) through its GNU-readline-compatible interface.
//
// `<editline/readline.h>` is named explicitly: GNU readline's headers may be installed too, and
// `<readline/readline.h>` would then be GNU's (a different library with a different ABI).
#ifndef MEMORY_SET_CEDITLINE_SHIM_H
#define MEMORY_SET_CEDITLINE_SHIM_H

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <wchar.h>
#include <editline/readline.h>

// Accessors for readline's global variables. Swift 6 rejects direct use of C globals as
// shared mutable state; the REPL touches them only from its one thread, through these.

/// Sets the generator of completion candidates (`rl_completion_entry_function`); NULL restores
/// file-name completion.
static inline void cedit_set_completion_entry(rl_compentry_func_t *function) {
    rl_completion_entry_function = function;
}

/// Sets `rl_readline_name` (the application name for the editrc configuration file).
static inline void cedit_set_readline_name(const char *name) {
    rl_readline_name = name;
}

/// Makes the line editor draw (prompt, line, completions) on stderr instead of stdout; call
/// before the first `readline`.
static inline void cedit_edit_on_stderr(void) {
    rl_outstream = stderr;
}

/// The line being edited (`rl_line_buffer`), or NULL before the first line.
static inline const char *cedit_line_buffer(void) {
    return rl_line_buffer;
}

/// The cursor position in the line being edited, in characters (`rl_point`).
static inline int cedit_point(void) {
    return rl_point;
}

/// Sets the function libedit calls for each key (`rl_getc_function`): it returns the next
/// character (a wide character's value) or -1 to end the read. Takes effect at the next
/// `rl_initialize`; NULL restores libedit's own `read` of standard input.
static inline void cedit_set_getc_function(int (*function)(FILE *)) {
    rl_getc_function = function;
}

/// Waits until `fd` is readable or a signal arrives that `mask` does not block, with `mask`
/// as the thread's signal mask during the wait only (`pselect`): a signal blocked before and
/// after the call can be let in during the wait alone, so it cannot slip in just before it.
/// `fd` must be below `FD_SETSIZE`. Returns `pselect`'s result: -1 with `errno` EINTR when a
/// signal arrived.
static inline int cedit_wait_readable(int fd, const sigset_t *mask) {
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(fd, &readable);
    return pselect(fd + 1, &readable, NULL, NULL, NULL, mask);
}

/// Decodes the multibyte character at the start of `bytes` (`count` bytes) under the current
/// locale (`mbrtowc` from the initial state) into `*character`. Returns the bytes it took (0
/// for NUL), -2 when the bytes are an incomplete character, -1 when they are invalid.
static inline long cedit_decode(wchar_t *character, const char *bytes, size_t count) {
    mbstate_t state;
    memset(&state, 0, sizeof state);
    size_t result = mbrtowc(character, bytes, count, &state);
    if (result == (size_t)-2) return -2;
    if (result == (size_t)-1) return -1;
    return (long)result;
}

/// `FD_SETSIZE`: descriptors at or above it cannot be waited on with `cedit_wait_readable`.
static inline int cedit_fd_setsize(void) {
    return FD_SETSIZE;
}

#endif
