// libedit (BSD editline) through its GNU-readline-compatible interface.
//
// `<editline/readline.h>` is named explicitly: GNU readline's headers may be installed too, and
// `<readline/readline.h>` would then be GNU's (a different library with a different ABI).
#ifndef MEMORY_SET_CEDITLINE_SHIM_H
#define MEMORY_SET_CEDITLINE_SHIM_H

#include <stdio.h>
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

#endif
