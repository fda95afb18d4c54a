//! SIGTERM, SIGHUP (the projector laptop's terminal was closed), SIGINT,
//! SIGQUIT and every other signal that would end the process by default
//! (SIGUSR1, SIGALRM...) while the screen is up, or a terminal that hangs up without a
//! signal: a watcher thread restores the terminal and ends the process, with
//! the conventional status 128 + the signal (129 for a hang-up).
//!
//! Every decision is already on disk (each one is saved when made). The
//! watcher waits for [`hold`], which the event loop takes while it draws or
//! writes a file, so a save in progress finishes first and nothing is drawn
//! after the terminal is restored. It does not rely on the event loop: when a
//! terminal closes, crossterm 0.29 spins in its read loop on end-of-file and
//! never returns to the loop.

use std::sync::{Mutex, MutexGuard, PoisonError};

static TERMINAL: Mutex<()> = Mutex::new(());

/// Held while the screen is drawn or a file is written; a signal waits for it.
pub fn hold() -> MutexGuard<'static, ()> {
    TERMINAL.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(unix)]
mod imp {
    use std::fs::File;
    use std::os::fd::{AsRawFd, RawFd};
    use std::sync::OnceLock;

    use signal_hook::consts::{
        SIGALRM, SIGHUP, SIGINT, SIGPROF, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGVTALRM, SIGXCPU,
        SIGXFSZ,
    };
    use signal_hook::iterator::{Handle, Signals};

    /// Every signal whose default action ends the process and that can be
    /// caught: each ends calibra politely, terminal restored. (SIGPIPE is
    /// ignored by Rust programs; SIGKILL and SIGSTOP cannot be caught.)
    const SIGNALS: [i32; 11] = [
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
        SIGXFSZ,
    ];

    /// How long the watcher waits between looks (signals and terminal).
    const LOOK_MS: i32 = 50;

    /// Watches for the signals until dropped.
    pub struct Watch {
        handle: Handle,
    }

    /// The terminal crossterm reads keys from: standard input if it is
    /// one, else /dev/tty.
    struct Tty {
        fd: RawFd,
        _owned: Option<File>,
    }

    impl Tty {
        fn open() -> Option<Tty> {
            // SAFETY: isatty(3) only inspects the descriptor.
            if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
                return Some(Tty {
                    fd: libc::STDIN_FILENO,
                    _owned: None,
                });
            }
            let file = File::open("/dev/tty").ok()?;
            Some(Tty {
                fd: file.as_raw_fd(),
                _owned: Some(file),
            })
        }

        /// Waits up to [`LOOK_MS`]; true if the terminal has hung up (its
        /// window was closed) even though no SIGHUP came.
        fn hung_up(&self) -> bool {
            let mut poll = libc::pollfd {
                fd: self.fd,
                // Nothing asked for: poll reports only hang-ups and errors.
                events: 0,
                revents: 0,
            };
            // SAFETY: one valid pollfd for the duration of the call.
            let ready = unsafe { libc::poll(&mut poll, 1, LOOK_MS) };
            ready > 0 && poll.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
        }
    }

    /// The terminal, opened once when the watcher starts. It cannot be
    /// opened afresh after a hang-up: `isatty` fails on a hung-up
    /// descriptor and /dev/tty is gone with the controlling terminal (the
    /// cause of a status 1 instead of 129 when the read failed first).
    fn tty() -> Option<&'static Tty> {
        static TTY: OnceLock<Option<Tty>> = OnceLock::new();
        TTY.get_or_init(Tty::open).as_ref()
    }

    /// Whether the terminal has hung up (its window was closed).
    pub fn hung_up() -> bool {
        tty().is_some_and(Tty::hung_up)
    }

    impl Watch {
        /// Starts the watcher; `restore` puts the terminal back. If the
        /// watcher cannot start, the signals keep their default action.
        pub fn start(restore: fn()) -> Option<Watch> {
            let mut signals = Signals::new(SIGNALS).ok()?;
            let handle = signals.handle();
            let tty = tty();
            std::thread::Builder::new()
                .name("signals".into())
                .spawn(move || {
                    loop {
                        let mut signal = signals.pending().next();
                        if signals.is_closed() {
                            return;
                        }
                        if signal.is_none() {
                            match tty {
                                Some(tty) if tty.hung_up() => signal = Some(SIGHUP),
                                Some(_) => {}
                                None => std::thread::sleep(std::time::Duration::from_millis(
                                    LOOK_MS.unsigned_abs().into(),
                                )),
                            }
                        }
                        if let Some(signal) = signal {
                            // Kept until the process ends: nothing draws after this.
                            let _held = super::hold();
                            restore();
                            // _exit, not exit: no exit handlers racing the
                            // other thread (the terminal output is flushed).
                            // SAFETY: ends the process; nothing runs after it.
                            unsafe { libc::_exit(128 + signal) }
                        }
                    }
                })
                .ok()?;
            Some(Watch { handle })
        }
    }

    impl Drop for Watch {
        fn drop(&mut self) {
            self.handle.close();
        }
    }
}

#[cfg(not(unix))]
mod imp {
    /// No POSIX signals here; closing the console ends the process.
    pub struct Watch;

    impl Watch {
        pub fn start(_restore: fn()) -> Option<Watch> {
            Some(Watch)
        }
    }

    pub fn hung_up() -> bool {
        false
    }
}

pub use imp::{Watch, hung_up};
