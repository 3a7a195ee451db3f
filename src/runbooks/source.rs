//! Reading runbooks from disk. Every named file (and every `.md`/`.txt` file
//! under a named directory) is read and checked before anything is indexed, so
//! one bad file means nothing is written.

use std::path::{Component, Path, PathBuf};

use crate::canonical::sha256_hex;
use crate::error::{Error, Result};

use super::chunk::Format;

/// Larger files are not runbooks; refuse them rather than index a log dump.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Extensions picked up when a directory is named.
const DIRECTORY_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// A runbook read into memory, ready to be chunked and indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// As stored and cited: relative to the current directory as given (without
    /// `./`), or absolute.
    pub path: String,
    pub format: Format,
    /// The text, without a leading byte-order mark.
    pub text: String,
    /// SHA-256 of the file's bytes, hex: an unchanged file is not re-indexed.
    pub sha256: String,
    /// The title when the document has no heading: its file name without extension.
    pub fallback_title: String,
}

impl Source {
    /// A runbook that is not a file on disk (the built-in examples, benchmarks).
    pub fn from_text(path: &str, text: &str) -> Source {
        let format = Format::of_path(Path::new(path));
        Source {
            path: path.to_owned(),
            format,
            text: text.strip_prefix('\u{feff}').unwrap_or(text).to_owned(),
            sha256: sha256_hex(text.as_bytes()),
            fallback_title: fallback_title(Path::new(path)),
        }
    }
}

/// Reads every named file, and the `.md`, `.markdown` and `.txt` files under
/// every named directory (recursively, sorted, hidden entries skipped). The
/// first missing, unreadable, binary or non-UTF-8 file is an error.
pub fn load(paths: &[PathBuf]) -> Result<Vec<Source>> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                Error::NotFound(format!("no such file or directory: {}", path.display()))
            }
            _ => Error::io(format!("cannot read {}", path.display()), e),
        })?;
        if metadata.is_dir() {
            let before = files.len();
            walk(path, &mut files)?;
            if files.len() == before {
                return Err(Error::NotFound(format!(
                    "{} holds no .md or .txt files to index",
                    path.display()
                )));
            }
        } else if metadata.is_file() {
            files.push(path.clone());
        } else {
            return Err(invalid(path, "not a regular file or directory"));
        }
    }
    let mut sources: Vec<Source> = Vec::with_capacity(files.len());
    for file in files {
        let source = read(&file)?;
        if !sources.iter().any(|s| s.path == source.path) {
            sources.push(source);
        }
    }
    Ok(sources)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| Error::io(format!("cannot list {}", dir.display()), e))?;
    let mut children = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(format!("cannot list {}", dir.display()), e))?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        children.push(dir.join(entry.file_name()));
    }
    children.sort();
    for child in children {
        let metadata = std::fs::metadata(&child)
            .map_err(|e| Error::io(format!("cannot read {}", child.display()), e))?;
        if metadata.is_dir() {
            walk(&child, files)?;
        } else if metadata.is_file() {
            let extension = child.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            if extension.is_some_and(|e| DIRECTORY_EXTENSIONS.contains(&e.as_str())) {
                files.push(child);
            }
        }
    }
    Ok(())
}

fn read(file: &Path) -> Result<Source> {
    let path = stored_path(file)?;
    let metadata = std::fs::metadata(file).map_err(|e| Error::io(format!("cannot read {path}"), e))?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(invalid(
            file,
            &format!("{} bytes is too large for a runbook (at most {MAX_FILE_BYTES})", metadata.len()),
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| Error::io(format!("cannot read {path}"), e))?;
    if bytes.contains(&0) {
        return Err(invalid(
            file,
            "binary file (contains NUL bytes); only Markdown and text files can be indexed",
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        invalid(
            file,
            &format!(
                "not UTF-8 text (invalid byte at offset {}); convert it to UTF-8 first",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    let sha256 = sha256_hex(text.as_bytes());
    Ok(Source {
        path,
        format: Format::of_path(file),
        text: text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text),
        sha256,
        fallback_title: fallback_title(file),
    })
}

fn invalid(path: &Path, message: &str) -> Error {
    Error::InvalidFile { path: path.to_owned(), location: None, message: message.to_owned() }
}

/// The path as a person gave it, without `.` components and with `/` separators.
pub fn stored_path(path: &Path) -> Result<String> {
    let mut parts: Vec<&str> = Vec::new();
    let mut absolute = false;
    for component in path.components() {
        match component {
            Component::RootDir => absolute = true,
            Component::CurDir => {}
            Component::ParentDir => parts.push(".."),
            Component::Normal(part) => {
                parts.push(part.to_str().ok_or_else(|| invalid(path, "the path is not UTF-8"))?)
            }
            Component::Prefix(prefix) => {
                parts.push(prefix.as_os_str().to_str().ok_or_else(|| invalid(path, "the path is not UTF-8"))?)
            }
        }
    }
    let joined = parts.join("/");
    Ok(if absolute { format!("/{joined}") } else { joined })
}

fn fallback_title(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "untitled".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_paths_drop_dot_components() {
        assert_eq!(stored_path(Path::new("./runbooks/refund.md")).unwrap(), "runbooks/refund.md");
        assert_eq!(stored_path(Path::new("runbooks//./x.md")).unwrap(), "runbooks/x.md");
        assert_eq!(stored_path(Path::new("/srv/docs/./x.md")).unwrap(), "/srv/docs/x.md");
        assert_eq!(stored_path(Path::new("../shared/x.md")).unwrap(), "../shared/x.md");
    }

    #[test]
    fn bad_files_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let binary = dir.path().join("blob.md");
        std::fs::write(&binary, b"# A\n\0\x01").unwrap();
        let latin1 = dir.path().join("latin1.txt");
        std::fs::write(&latin1, b"caf\xe9\n").unwrap();
        let good = dir.path().join("good.md");
        std::fs::write(&good, "\u{feff}# Good\ntext\n").unwrap();

        let error = load(&[good.clone(), binary]).unwrap_err();
        assert!(error.to_string().contains("blob.md: binary file"), "{error}");
        let error = load(&[latin1]).unwrap_err();
        assert!(
            error.to_string().contains("latin1.txt: not UTF-8 text (invalid byte at offset 3)"),
            "{error}"
        );
        let error = load(&[dir.path().join("missing.md")]).unwrap_err();
        assert!(matches!(error, Error::NotFound(_)), "{error}");

        let sources = load(&[good.clone(), good]).unwrap();
        assert_eq!(sources.len(), 1);
        assert_eq!(sources[0].text, "# Good\ntext\n");
        assert_eq!(sources[0].format, Format::Markdown);
    }

    #[test]
    fn directories_give_their_markdown_and_text_files_sorted() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("b/.hidden")).unwrap();
        for name in ["b/z.md", "a.txt", "b/.hidden/x.md", "c.pdf", "b/y.markdown"] {
            std::fs::write(dir.path().join(name), "text\n").unwrap();
        }
        let sources = load(&[dir.path().to_owned()]).unwrap();
        let names: Vec<String> = sources
            .iter()
            .map(|s| s.path.strip_prefix(&stored_path(dir.path()).unwrap()).unwrap().to_owned())
            .collect();
        assert_eq!(names, ["/a.txt", "/b/y.markdown", "/b/z.md"]);
        let empty = tempfile::tempdir().unwrap();
        assert!(matches!(load(&[empty.path().to_owned()]), Err(Error::NotFound(_))));
    }
}
