//! Byte offsets within one input file turned into lines and columns.

use super::SourceFile;
use crate::engine::diagnostic::Location;

/// Maps offsets within one [`SourceFile`] to lines and columns.
pub struct Positions<'a> {
    pub(super) file: &'a SourceFile,
    pub(super) line_starts: Vec<usize>,
}

impl<'a> Positions<'a> {
    pub fn new(file: &'a SourceFile) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(file.text.as_bytes()));
        Positions { file, line_starts }
    }

    pub fn name(&self) -> &'a str {
        &self.file.name
    }

    pub fn text(&self) -> &'a str {
        &self.file.text
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> u32 {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        u32::try_from(line).unwrap_or(u32::MAX)
    }

    /// The location of a byte offset, without column.
    pub fn at(&self, offset: usize) -> Location {
        Location::line(self.file.name.clone(), self.line_of(offset))
    }

    /// The line of a slice borrowed from this file's text.
    pub fn line_of_slice(&self, slice: &str) -> u32 {
        self.line_of(self.offset_of(slice.as_ptr() as usize))
    }

    /// The location of a slice borrowed from this file's text.
    pub fn at_slice(&self, slice: &str) -> Location {
        self.at(self.offset_of(slice.as_ptr() as usize))
    }

    /// The location of an address recorded by [`At`](super::At).
    pub fn at_addr(&self, addr: usize) -> Location {
        self.at(self.offset_of(addr))
    }

    /// The 1-based line on which the CSV record at byte `offset` of the file
    /// starts. The csv crate's own line numbers lag behind in CRLF files
    /// (rust-csv issue 395: it counts a line at the `\n` it has not read yet),
    /// so lines are counted here from the byte offset, which the reader gets
    /// right; a record never starts with a line end, so any at the offset
    /// belong to the line before.
    pub fn line_of_record(&self, offset: u64) -> u64 {
        let text = self.text().as_bytes();
        let mut at = usize::try_from(offset)
            .unwrap_or(text.len())
            .min(text.len());
        while at < text.len() && matches!(text[at], b'\r' | b'\n') {
            at += 1;
        }
        u64::from(self.line_of(at))
    }

    pub(super) fn offset_of(&self, addr: usize) -> usize {
        let base = self.file.text.as_ptr() as usize;
        addr.saturating_sub(base).min(self.file.text.len())
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', bytes).map(|i| i + 1)
}
