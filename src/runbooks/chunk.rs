//! Splitting a runbook into passages with exact line ranges: Markdown at its
//! headings, plain text at blank lines. Pure: no files, no database.

/// A section longer than this many lines is split further, so that a citation
/// points at a readable passage rather than a whole chapter.
pub const MAX_CHUNK_LINES: usize = 60;

/// Plain text: paragraphs are grouped into chunks spanning about this many lines.
const TEXT_CHUNK_LINES: usize = 30;

/// How a file is read: Markdown headings, or blank-line-separated paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
}

impl Format {
    /// Markdown for `.md`/`.markdown`/`.mdx`, plain text for anything else.
    pub fn of_path(path: &std::path::Path) -> Format {
        let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("md" | "markdown" | "mdx") => Format::Markdown,
            _ => Format::Text,
        }
    }
}

/// One passage: its heading path, its 1-based inclusive line range in the
/// original file, and exactly those lines as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// "Refund policy > No-shows"; the document title for text before any heading.
    pub heading: String,
    pub line_start: u32,
    pub line_end: u32,
    pub text: String,
}

/// A document split into passages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunked {
    /// The first level-1 heading (else the first heading, else `fallback_title`).
    pub title: String,
    /// Lines in the file, as editors count them.
    pub lines: u32,
    pub chunks: Vec<Chunk>,
}

/// Splits `text` into passages. Line numbers match [`str::lines`]: a trailing
/// newline does not start another line, and `\r\n` counts as one break.
pub fn chunk(text: &str, format: Format, fallback_title: &str) -> Chunked {
    let lines: Vec<&str> = text.lines().collect();
    let (title, sections) = match format {
        Format::Markdown => markdown_sections(&lines, fallback_title),
        Format::Text => (fallback_title.to_owned(), text_sections(&lines, fallback_title)),
    };
    let chunks = sections
        .into_iter()
        .map(|section| Chunk {
            line_start: line_number(section.start + 1),
            line_end: line_number(section.end),
            text: lines[section.start..section.end].join("\n"),
            heading: section.heading,
        })
        .collect();
    Chunked { title, lines: line_number(lines.len()), chunks }
}

fn line_number(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Lines `start..end` (0-based, end exclusive) under one heading path.
#[derive(Debug)]
struct Section {
    heading: String,
    start: usize,
    end: usize,
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn markdown_sections(lines: &[&str], fallback_title: &str) -> (String, Vec<Section>) {
    let mut headings: Vec<(usize, usize, String)> = Vec::new(); // (line, level, text)
    let mut fence: Option<Fence> = None;
    for (index, line) in lines.iter().enumerate() {
        if let Some(open) = &fence {
            if open.is_closed_by(line) {
                fence = None;
            }
            continue;
        }
        if let Some(open) = Fence::opened_by(line) {
            fence = Some(open);
            continue;
        }
        if let Some((level, text)) = atx_heading(line) {
            headings.push((index, level, text));
        }
    }
    let title = headings
        .iter()
        .find(|(_, level, text)| *level == 1 && !text.is_empty())
        .or_else(|| headings.iter().find(|(_, _, text)| !text.is_empty()))
        .map(|(_, _, text)| text.clone())
        .unwrap_or_else(|| fallback_title.to_owned());

    let mut sections = Vec::new();
    let preamble_end = headings.first().map_or(lines.len(), |(line, _, _)| *line);
    push_trimmed(&mut sections, lines, &title, 0, preamble_end, false);
    let mut path: Vec<(usize, String)> = Vec::new();
    for (n, (start, level, text)) in headings.iter().enumerate() {
        path.retain(|(open_level, _)| open_level < level);
        path.push((*level, text.clone()));
        let heading = path
            .iter()
            .map(|(_, text)| text.as_str())
            .filter(|text| !text.is_empty())
            .collect::<Vec<_>>()
            .join(" > ");
        let end = headings.get(n + 1).map_or(lines.len(), |(line, _, _)| *line);
        push_trimmed(&mut sections, lines, &heading, *start, end, true);
    }
    (title, sections)
}

/// Adds lines `start..end` without trailing blank lines, split when long. A
/// heading with nothing under it is no passage (its text lives on in the
/// heading paths of the sections below it).
fn push_trimmed(
    sections: &mut Vec<Section>,
    lines: &[&str],
    heading: &str,
    start: usize,
    end: usize,
    starts_with_heading: bool,
) {
    let mut start = start;
    let mut end = end;
    while end > start && is_blank(lines[end - 1]) {
        end -= 1;
    }
    if !starts_with_heading {
        while start < end && is_blank(lines[start]) {
            start += 1;
        }
    }
    let body_start = if starts_with_heading { start + 1 } else { start };
    if !(body_start..end).any(|i| !is_blank(lines[i])) {
        return;
    }
    for (piece_start, piece_end) in split_long(lines, start, end) {
        sections.push(Section { heading: heading.to_owned(), start: piece_start, end: piece_end });
    }
}

/// Splits `start..end` into pieces of at most [`MAX_CHUNK_LINES`] lines,
/// preferring to cut at a blank line in the second half of each piece. Pieces
/// neither start nor end with blank lines.
fn split_long(lines: &[&str], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut start = start;
    while end - start > MAX_CHUNK_LINES {
        let limit = start + MAX_CHUNK_LINES;
        let cut = (start + MAX_CHUNK_LINES / 2..limit).rev().find(|&i| is_blank(lines[i])).unwrap_or(limit);
        let mut piece_end = cut;
        while piece_end > start && is_blank(lines[piece_end - 1]) {
            piece_end -= 1;
        }
        pieces.push((start, piece_end));
        start = cut;
        while start < end && is_blank(lines[start]) {
            start += 1;
        }
    }
    if start < end {
        pieces.push((start, end));
    }
    pieces
}

/// Plain text: paragraphs (runs of non-blank lines) grouped into chunks of
/// about [`TEXT_CHUNK_LINES`] lines; a longer paragraph is cut on its own.
fn text_sections(lines: &[&str], title: &str) -> Vec<Section> {
    let mut paragraphs = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        if is_blank(lines[index]) {
            index += 1;
            continue;
        }
        let start = index;
        while index < lines.len() && !is_blank(lines[index]) {
            index += 1;
        }
        paragraphs.push((start, index));
    }
    let mut sections = Vec::new();
    let mut group: Option<(usize, usize)> = None;
    for (start, end) in paragraphs {
        group = match group {
            Some((group_start, _)) if end - group_start <= TEXT_CHUNK_LINES => Some((group_start, end)),
            Some((group_start, group_end)) => {
                push_trimmed(&mut sections, lines, title, group_start, group_end, false);
                Some((start, end))
            }
            None => Some((start, end)),
        };
    }
    if let Some((start, end)) = group {
        push_trimmed(&mut sections, lines, title, start, end, false);
    }
    sections
}

/// An ATX heading (`## Title ##`): up to three spaces, one to six `#`, then a
/// space or the end of the line. Returns its level and text.
fn atx_heading(line: &str) -> Option<(usize, String)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let level = rest.len() - rest.trim_start_matches('#').len();
    if !(1..=6).contains(&level) {
        return None;
    }
    let after = &rest[level..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let mut text = after.trim();
    // A closing sequence of `#`s, when separated by a space, is not part of the text.
    let without_closing = text.trim_end_matches('#');
    if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) {
        text = without_closing.trim_end();
    }
    Some((level, text.to_owned()))
}

/// An open fenced code block: inside it, `#` lines are code, not headings.
#[derive(Debug)]
struct Fence {
    marker: char,
    length: usize,
}

impl Fence {
    fn opened_by(line: &str) -> Option<Fence> {
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() > 3 {
            return None;
        }
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let length = trimmed.len() - trimmed.trim_start_matches(marker).len();
        let info = &trimmed[length..];
        (length >= 3 && !(marker == '`' && info.contains('`'))).then_some(Fence { marker, length })
    }

    fn is_closed_by(&self, line: &str) -> bool {
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() > 3 {
            return false;
        }
        let length = trimmed.len() - trimmed.trim_start_matches(self.marker).len();
        length >= self.length && trimmed[length..].trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(chunked: &Chunked) -> Vec<(String, u32, u32)> {
        chunked.chunks.iter().map(|c| (c.heading.clone(), c.line_start, c.line_end)).collect()
    }

    #[test]
    fn markdown_splits_at_headings_with_their_path_and_exact_lines() {
        let text = "# Refund policy\n\nIntro line.\n\n## Scope\n\nAll bookings.\n\n## No-shows\n\nNo refund.\n\n### Exceptions\n\nMedical notes.\n\n## Fees ##\nTen percent.\n";
        let chunked = chunk(text, Format::Markdown, "refund-policy");
        assert_eq!(chunked.title, "Refund policy");
        assert_eq!(chunked.lines, 18);
        assert_eq!(
            ranges(&chunked),
            vec![
                ("Refund policy".into(), 1, 3),
                ("Refund policy > Scope".into(), 5, 7),
                ("Refund policy > No-shows".into(), 9, 11),
                ("Refund policy > No-shows > Exceptions".into(), 13, 15),
                ("Refund policy > Fees".into(), 17, 18),
            ]
        );
        let lines: Vec<&str> = text.lines().collect();
        for chunk in &chunked.chunks {
            let expected = lines[chunk.line_start as usize - 1..chunk.line_end as usize].join("\n");
            assert_eq!(chunk.text, expected);
        }
    }

    #[test]
    fn hashes_inside_fenced_code_are_not_headings() {
        let text = "# Ops\n\n## Restart\n\n```sh\n# stop the worker\nopsgate worker --once\n```\n\n~~~\n## not a heading\n~~~\n\n## Next\nDone.";
        let chunked = chunk(text, Format::Markdown, "x");
        assert_eq!(ranges(&chunked), vec![("Ops > Restart".into(), 3, 12), ("Ops > Next".into(), 14, 15)]);
    }

    #[test]
    fn empty_headings_and_preamble() {
        let text = "intro before any heading\n\n# Title\n\n## Empty\n\n## Full\nbody\n";
        let chunked = chunk(text, Format::Markdown, "x");
        assert_eq!(ranges(&chunked), vec![("Title".into(), 1, 1), ("Title > Full".into(), 7, 8)]);
        assert_eq!(chunk("no headings\nat all\n", Format::Markdown, "notes").title, "notes");
        assert!(chunk("", Format::Markdown, "x").chunks.is_empty());
        assert!(chunk("#hashtag is text\n", Format::Markdown, "x").chunks[0].heading == "x");
    }

    #[test]
    fn crlf_lines_count_like_editors() {
        let chunked = chunk("# A\r\none\r\n\r\n## B\r\ntwo\r\n", Format::Markdown, "x");
        assert_eq!(ranges(&chunked), vec![("A".into(), 1, 2), ("A > B".into(), 4, 5)]);
        assert_eq!(chunked.chunks[1].text, "## B\ntwo");
    }

    #[test]
    fn long_sections_split_at_blank_lines_within_the_limit() {
        let mut text = String::from("# Long\n");
        for paragraph in 0..20 {
            for line in 0..6 {
                text.push_str(&format!("paragraph {paragraph} line {line}\n"));
            }
            text.push('\n');
        }
        let chunked = chunk(&text, Format::Markdown, "x");
        assert!(chunked.chunks.len() >= 3, "{:?}", ranges(&chunked));
        let mut previous_end = 0;
        for chunk in &chunked.chunks {
            let span = (chunk.line_end - chunk.line_start + 1) as usize;
            assert!(span <= MAX_CHUNK_LINES, "{span}");
            assert!(chunk.line_start > previous_end);
            assert!(!chunk.text.starts_with('\n') && !chunk.text.ends_with('\n'));
            previous_end = chunk.line_end;
        }
        assert_eq!(previous_end, chunked.lines - 1);

        let unbroken: String = (0..150).map(|n| format!("line {n}\n")).collect();
        let chunked = chunk(&unbroken, Format::Markdown, "x");
        assert_eq!(
            ranges(&chunked),
            vec![("x".into(), 1, 60), ("x".into(), 61, 120), ("x".into(), 121, 150)]
        );
    }

    #[test]
    fn text_groups_paragraphs() {
        let mut text = String::new();
        for paragraph in 0..10 {
            for line in 0..5 {
                text.push_str(&format!("p{paragraph} l{line}\n"));
            }
            text.push('\n');
        }
        let chunked = chunk(&text, Format::Text, "notes.txt");
        assert_eq!(chunked.title, "notes.txt");
        assert_eq!(
            ranges(&chunked),
            vec![("notes.txt".into(), 1, 29), ("notes.txt".into(), 31, 59)],
            "paragraphs of 5 lines + a blank: five fit in 30 lines"
        );
    }

    #[test]
    fn heading_syntax() {
        assert_eq!(atx_heading("## Scope"), Some((2, "Scope".into())));
        assert_eq!(atx_heading("   # Indented ok"), Some((1, "Indented ok".into())));
        assert_eq!(atx_heading("    # code"), None);
        assert_eq!(atx_heading("####### seven"), None);
        assert_eq!(atx_heading("#"), Some((1, String::new())));
        assert_eq!(atx_heading("# C# tips"), Some((1, "C# tips".into())));
        assert_eq!(atx_heading("# Closed ###"), Some((1, "Closed".into())));
    }
}
