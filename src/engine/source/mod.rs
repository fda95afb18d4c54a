//! Input text with positions: one input file read from disk, its byte
//! offsets turned into file:line:column ([`Positions`]), JSON read so that
//! every value keeps its line (`json.rs`), and exact decimals (`decimal.rs`).

mod decimal;
mod json;
mod positions;

use std::io::Read;
use std::path::Path;
use std::{fs, io};

use super::diagnostic::{Diagnostic, Location, Part, Said};
use crate::i18n::Load;

pub use decimal::{Dec, NotADecimal, parse_decimal};
pub use json::{At, Entries};
pub use positions::Positions;

/// One input file: its display name and its text (byte-order mark removed).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user would type it, used in every message.
    pub name: String,
    pub text: String,
}

impl SourceFile {
    /// Decodes `bytes` as UTF-8 (a leading byte-order mark is accepted).
    /// UTF-16 text and NUL bytes are refused with a message saying so.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Self, Diagnostic> {
        let name = name.into();
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(Diagnostic::error(Location::line(name, 1), Load::Utf16));
        }
        // UTF-16 without a byte-order mark is mostly valid UTF-8 with a NUL
        // after every ASCII character: say that, not "not UTF-8 on line 3".
        if let Some(nul) = memchr::memchr(0, &bytes) {
            let line = memchr::memchr_iter(b'\n', &bytes[..nul]).count() + 1;
            return Err(Diagnostic::error(
                Location::line(name, u32::try_from(line).unwrap_or(u32::MAX)),
                Load::NulByte,
            ));
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(name, text)),
            Err(err) => {
                let bytes = err.as_bytes();
                let valid = err.utf8_error().valid_up_to();
                let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
                let line = u32::try_from(line).unwrap_or(u32::MAX);
                Err(Diagnostic::error(Location::line(name, line), Load::NotUtf8))
            }
        }
    }

    /// A file from text already in memory (a leading byte-order mark is dropped).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        SourceFile {
            name: name.into(),
            text,
        }
    }
}

/// One input file kept as bytes: a spreadsheet workbook, which is not text.
#[derive(Debug, Clone)]
pub struct BinaryFile {
    /// The path as the user would type it, used in every message.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads an input file, refusing before it opens anything that is not a
/// regular file: reading a FIFO would wait for a writer forever, and a
/// folder or a device is never an input file. Symbolic links are followed.
pub fn read_regular_file(path: &Path) -> io::Result<Vec<u8>> {
    read_regular_file_capped(path, u64::MAX)
}

/// [`read_regular_file`], refusing a file of more than `cap` bytes (a
/// device that never ends, a file that is not what it claims).
pub fn read_regular_file_capped(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(err) if err.kind() == io::ErrorKind::NotFound && fs::symlink_metadata(path).is_ok() => {
            return Err(Refused::error(Load::IoDanglingLink.into()));
        }
        Err(err) => return Err(err),
    };
    if metadata.is_dir() {
        return Err(Refused::error(Load::IoFolder.into()));
    }
    if !metadata.is_file() {
        return Err(Refused::error(Load::IoNotRegular.into()));
    }
    if metadata.len() > cap {
        return Err(too_large(cap));
    }
    // The size known up front: `take` hides it from `read_to_end`, which
    // would otherwise grow a 140 MB org.json by doubling and copying.
    let expected = usize::try_from(metadata.len().min(cap)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    fs::File::open(path)?
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(too_large(cap));
    }
    Ok(bytes)
}

fn too_large(cap: u64) -> io::Error {
    Refused::error(Said::new(
        Load::IoTooLarge,
        &[("mib", &(cap / (1024 * 1024)))],
    ))
}

/// Why calibra itself refused to read a file, carried in an [`io::Error`]
/// so that [`io_why`] can say it in the reader's language.
#[derive(Debug)]
struct Refused(Said);

impl Refused {
    fn error(said: Said) -> io::Error {
        io::Error::other(Refused(said))
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Refused {}

/// Why a file could not be read, in words: calibra's own refusals and the
/// commonest errors said in the reader's language, any other in the
/// system's words.
pub fn io_why(err: &io::Error) -> Part {
    if let Some(Refused(said)) = err.get_ref().and_then(|e| e.downcast_ref::<Refused>()) {
        return said.clone().into();
    }
    match err.kind() {
        io::ErrorKind::NotFound => Load::IoNotFound.into(),
        io::ErrorKind::PermissionDenied => Load::IoPermission.into(),
        _ => Part::Data(err.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_accepted_and_bad_utf8_is_located() {
        let file = SourceFile::from_bytes("x", b"\xef\xbb\xbf{}".to_vec()).expect("utf8");
        assert_eq!(file.text, "{}");
        let err = SourceFile::from_bytes("x", b"a\nb\n\xff".to_vec()).expect_err("not utf8");
        assert_eq!(err.location.and_then(|l| l.line), Some(3));
    }

    #[test]
    fn utf16_and_nul_bytes_are_refused_with_the_reason() {
        for bytes in [&b"\xff\xfe{\0}\0"[..], &b"\xfe\xff\0{\0}"[..]] {
            let err = SourceFile::from_bytes("x", bytes.to_vec()).expect_err("utf-16");
            assert!(err.message.contains("UTF-16"), "{}", err.message);
            assert_eq!(err.location.and_then(|l| l.line), Some(1));
        }
        // UTF-16 without a byte-order mark: NULs between ASCII characters.
        let err = SourceFile::from_bytes("x", b"\xef\xbb\xbf\n\n{\0}".to_vec()).expect_err("nul");
        assert!(err.message.contains("NUL"), "{}", err.message);
        assert_eq!(err.location.and_then(|l| l.line), Some(3));
        let utf16: Vec<u8> = "{\n\"陳\": 1}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let err = SourceFile::from_bytes("x", utf16).expect_err("utf-16");
        assert!(err.message.contains("UTF-16"), "{}", err.message);
        assert_eq!(err.location.and_then(|l| l.line), Some(1));
    }

    #[test]
    fn only_regular_files_are_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a.json");
        std::fs::write(&file, "{}").expect("write");
        assert_eq!(read_regular_file(&file).expect("a file"), b"{}");
        let err = read_regular_file(dir.path()).expect_err("a folder");
        assert!(err.to_string().contains("folder"), "{err}");
        let missing = read_regular_file(&dir.path().join("none.json")).expect_err("missing");
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
        #[cfg(unix)]
        {
            let link = dir.path().join("dangling.json");
            std::os::unix::fs::symlink(dir.path().join("gone"), &link).expect("symlink");
            let err = read_regular_file(&link).expect_err("dangling");
            assert!(err.to_string().contains("symbolic link"), "{err}");
            let fifo = dir.path().join("pipe.json");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                // Would block forever if it were opened for reading.
                let err = read_regular_file(&fifo).expect_err("a fifo");
                assert!(err.to_string().contains("regular file"), "{err}");
            }
        }
    }
}
