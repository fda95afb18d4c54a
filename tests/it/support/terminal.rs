//! The real binary in a real pseudo-terminal, shared by the end-to-end tests:
//! type keys, read the screen through a VT100 emulator, resize, send signals,
//! and keep every byte the program wrote (to check how it left the terminal).

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{AsRawFd, FromRawFd};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::sleep;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// Leaving the alternate screen (DEC private mode 1049 reset).
pub const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";
/// Entering it.
pub const ENTER_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049h";

/// Tests that drive the real binary in a pseudo-terminal run one at a
/// time: several at once on two cores starved each other's children (a
/// hang-up test once saw its calibra end by SIGABRT instead of its 129).
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Held for the length of a pseudo-terminal test.
pub fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

pub struct Terminal {
    parser: Arc<Mutex<vt100::Parser>>,
    output: Arc<Mutex<Vec<u8>>>,
    /// `None` once the terminal is closed.
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    stop: Arc<AtomicBool>,
    reading: Option<std::thread::JoinHandle<()>>,
    rows: u16,
    cols: u16,
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn non_zero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).unwrap_or(NonZeroU16::MIN)
}

impl Terminal {
    /// Starts `calibra ARGS` with its data in `data_dir`, as user "tester".
    pub fn open(data_dir: &Path, args: &[&OsStr], rows: u16, cols: u16) -> Terminal {
        Terminal::open_with(data_dir, args, &[], rows, cols)
    }

    /// Starts `calibra ARGS` as [`Terminal::open`] does, with `env` set
    /// (a locale, say).
    pub fn open_with(
        data_dir: &Path,
        args: &[&OsStr],
        env: &[(&str, &str)],
        rows: u16,
        cols: u16,
    ) -> Terminal {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_calibra"));
        command.args(args);
        Terminal::spawn(command, data_dir, env, rows, cols)
    }

    /// Starts calibra under `sh -c SCRIPT`, where `$CALIBRA` names the binary.
    pub fn shell(data_dir: &Path, script: &str, rows: u16, cols: u16) -> Terminal {
        let mut command = CommandBuilder::new("/bin/sh");
        command.args(["-c", script]);
        command.env("CALIBRA", env!("CARGO_BIN_EXE_calibra"));
        Terminal::spawn(command, data_dir, &[], rows, cols)
    }

    fn spawn(
        mut command: CommandBuilder,
        data_dir: &Path,
        env: &[(&str, &str)],
        rows: u16,
        cols: u16,
    ) -> Terminal {
        let pty = native_pty_system()
            .openpty(size(rows, cols))
            .expect("a pseudo-terminal");
        command.env("CALIBRA_DATA_DIR", data_dir);
        // English, whatever the machine's locale, unless a test asks.
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            command.env_remove(name);
        }
        for (name, value) in env {
            command.env(name, value);
        }
        command.env("CALIBRA_BY", "tester");
        command.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(command).expect("calibra starts");
        drop(pty.slave);
        // Our own copy of the master, read with a timeout so that `close`
        // can stop the reader and really close the terminal.
        let fd = pty.master.as_raw_fd().expect("a master fd");
        // Close-on-exec, unlike dup(2): every test shares this process, and a
        // copy leaked into a program another test starts would keep this
        // terminal open after `close`, so no hang-up would come.
        // SAFETY: F_DUPFD_CLOEXEC of an open descriptor we own; the copy is owned by `reader`.
        let mut reader =
            unsafe { std::fs::File::from_raw_fd(libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0)) };
        let writer = pty.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            non_zero(rows),
            non_zero(cols),
            0,
        )));
        let output = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (sink, all, stopped) = (Arc::clone(&parser), Arc::clone(&output), Arc::clone(&stop));
        let reading = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stopped.load(Ordering::SeqCst) {
                let mut poll = libc::pollfd {
                    fd: reader.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd.
                if unsafe { libc::poll(&mut poll, 1, 20) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(n) if n > 0 => {
                        sink.lock().expect("parser").process(&buf[..n]);
                        all.lock().expect("output").extend_from_slice(&buf[..n]);
                    }
                    _ => break,
                }
            }
        });
        Terminal {
            parser,
            output,
            writer: Some(writer),
            child,
            master: Some(pty.master),
            stop,
            reading: Some(reading),
            rows,
            cols,
        }
    }

    /// The demo at 160x45.
    pub fn demo(data_dir: &Path) -> Terminal {
        Terminal::open(data_dir, &[], 45, 160)
    }

    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// The screen's rows, untrimmed of nothing but trailing blanks.
    pub fn rows(&self) -> Vec<String> {
        let parser = self.parser.lock().expect("parser");
        parser.screen().rows(0, self.cols).collect()
    }

    /// Every byte the program wrote so far.
    pub fn output(&self) -> Vec<u8> {
        self.output.lock().expect("output").clone()
    }

    pub fn keys(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("an open terminal");
        writer.write_all(keys.as_bytes()).expect("typing");
        writer.flush().expect("flush");
    }

    /// Closes the terminal, as when its window is closed: the program's
    /// terminal hangs up (and, as the session leader, it gets SIGHUP).
    pub fn close(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reading) = self.reading.take() {
            let _ = reading.join();
        }
        self.writer = None;
        self.master = None;
    }

    /// Waits up to `limit` until `done(screen)`; returns the screen if so.
    pub fn wait_until(&self, limit: Duration, done: impl Fn(&str) -> bool) -> Option<String> {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return Some(screen);
            }
            if start.elapsed() > limit {
                return None;
            }
            sleep(Duration::from_millis(5));
        }
    }

    /// Waits until the screen shows `text`, then until the program stops
    /// writing for a moment; returns the screen. The pause matters: `text`
    /// can show while the rest of its frame is still on its way, and a test
    /// that then looks for more of the frame would fail for nothing (more
    /// often now that every test shares one process and the machine).
    pub fn wait_for(&self, text: &str) -> String {
        let found = self.wait_until(Duration::from_secs(20), |s| s.contains(text));
        assert!(
            found.is_some(),
            "waited for {text:?}; screen:\n{}",
            self.screen()
        );
        self.drain();
        let screen = self.screen();
        if screen.contains(text) {
            screen
        } else {
            found.unwrap_or_default()
        }
    }

    pub fn pid(&self) -> i32 {
        let pid = self.child.process_id().expect("a running child");
        i32::try_from(pid).expect("a pid")
    }

    /// Sends `signal` to the program.
    pub fn signal(&self, signal: i32) {
        // SAFETY: kill(2) with a pid we started and a valid signal number.
        let done = unsafe { libc::kill(self.pid(), signal) };
        assert_eq!(done, 0, "kill({}, {signal})", self.pid());
    }

    /// Resizes the emulator and the terminal (the program gets SIGWINCH).
    pub fn resize(&mut self, rows: u16, cols: u16) {
        // The emulator first, so that whatever the program draws for the
        // new size is read at the new size.
        self.parser
            .lock()
            .expect("parser")
            .set_size(non_zero(rows), non_zero(cols));
        self.master
            .as_ref()
            .expect("an open terminal")
            .resize(size(rows, cols))
            .expect("resize");
        self.rows = rows;
        self.cols = cols;
    }

    /// The exit status, if the program has ended.
    pub fn try_wait(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().expect("status")
    }

    /// Waits up to `limit` for the program to end.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.try_wait() {
                return Some(status);
            }
            if start.elapsed() > limit {
                return None;
            }
            sleep(Duration::from_millis(2));
        }
    }

    /// Waits for the reader to take in everything the ended program wrote.
    pub fn drain(&self) {
        let mut last = usize::MAX;
        for _ in 0..50 {
            let now = self.output.lock().expect("output").len();
            if now == last {
                return;
            }
            last = now;
            sleep(Duration::from_millis(20));
        }
    }

    /// Quits with `q` and waits for a clean exit.
    pub fn quit(mut self) {
        self.keys("q");
        let status = self.wait_exit(Duration::from_secs(10));
        assert!(status.is_some(), "calibra did not quit");
        let status = status.expect("status");
        assert!(status.success(), "calibra exited with {status:?}");
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        if self.try_wait().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Does `haystack` end with `needle`, ignoring nothing?
pub fn ends_with(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.len() >= needle.len() && &haystack[haystack.len() - needle.len()..] == needle
}
