//! The real binary in a real pseudo-terminal: press keys, read the screen
//! (through a VT100 emulator), quit, reopen, and find the session resumed.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread::sleep;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const ROWS: NonZeroU16 = NonZeroU16::new(45).expect("non-zero");
const COLS: NonZeroU16 = NonZeroU16::new(160).expect("non-zero");

struct Terminal {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Terminal {
    fn open(data_dir: &Path) -> Terminal {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS.get(),
                cols: COLS.get(),
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_calibra"));
        command.env("CALIBRA_DATA_DIR", data_dir);
        command.env("CALIBRA_BY", "tester");
        command.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(command).expect("calibra starts");
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let sink = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("parser").process(&buf[..n]);
            }
        });
        Terminal {
            parser,
            writer,
            child,
            _master: pty.master,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("typing");
        self.writer.flush().expect("flush");
    }

    /// Waits until the screen shows `text`; returns the screen.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited for {text:?}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(30));
        }
    }

    /// Quits with `q` and waits for a clean exit.
    fn quit(mut self) {
        self.keys("q");
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("status") {
                assert!(status.success(), "calibra exited with {status:?}");
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "calibra did not quit"
            );
            sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn decide_quit_reopen_and_resume_in_a_real_terminal() {
    let data = tempfile::tempdir().expect("tempdir");
    let mut term = Terminal::open(data.path());
    let screen = term.wait_for("POOL (reference)");
    assert!(
        screen.contains("▲lenient"),
        "the lenient rater is flagged:\n{screen}"
    );
    assert!(screen.contains("0 decisions"));

    // Z-score the selected (most lenient) rater, then override a person.
    term.keys("z");
    term.wait_for("1 decision ");
    term.keys("3");
    term.wait_for("Employees: 78 of 78");
    term.keys("+");
    term.wait_for("Reason (required)");
    term.keys("\r");
    term.wait_for("needs a reason");
    term.keys("carried the 11.11 peak\r");
    let screen = term.wait_for("2 decisions");
    assert!(screen.contains("✎override"), "{screen}");
    term.quit();

    let saved = std::fs::read_to_string(data.path().join("sessions/demo.json")).expect("saved");
    assert!(
        saved.contains("\"zscore\"") && saved.contains("carried the 11.11 peak"),
        "{saved}"
    );
    assert!(saved.contains("\"by\": \"tester\""), "{saved}");

    let mut term = Terminal::open(data.path());
    let screen = term.wait_for("Resumed the session");
    assert!(screen.contains("2 decisions replayed"), "{screen}");
    term.keys("4");
    let screen = term.wait_for("2 on the record");
    assert!(screen.contains("carried the 11.11 peak"), "{screen}");
    term.keys("u");
    term.wait_for("1 decision ");
    term.quit();
    let saved = std::fs::read_to_string(data.path().join("sessions/demo.json")).expect("saved");
    assert!(
        !saved.contains("carried the 11.11 peak"),
        "undo is saved: {saved}"
    );
}
