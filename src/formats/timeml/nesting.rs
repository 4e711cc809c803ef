//! The check made before parsing: roxmltree parses nested elements by recursion, so what
//! would nest without bound is refused first, with a message and a place.

/// Deepest element nesting read. roxmltree parses nested elements by recursion, so a
/// document nested tens of thousands deep would overflow the stack; TimeML needs about five.
pub const MAX_DEPTH: usize = 256;

/// Refuses, before parsing, what would make the XML parser recurse without bound: elements
/// nested deeper than [`MAX_DEPTH`], and DTD entities whose values hold markup (each
/// reference would be parsed as nested elements). Returns the message and the byte offset.
///
/// A light scan, not a parser: comments, CDATA sections, processing instructions, quoted
/// attribute values and the DTD are skipped as units; well-formedness is left to roxmltree.
pub(super) fn check_nesting(text: &str) -> Result<(), (String, usize)> {
    let bytes = text.as_bytes();
    let find = |from: usize, needle: &[u8]| -> usize {
        bytes
            .get(from..)
            .and_then(|rest| rest.windows(needle.len()).position(|w| w == needle))
            .map_or(bytes.len(), |i| from + i + needle.len())
    };
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(lt) = bytes
        .get(i..)
        .and_then(|r| r.iter().position(|&b| b == b'<'))
    {
        let start = i + lt;
        let rest = bytes.get(start..).unwrap_or(&[]);
        i = if rest.starts_with(b"<!--") {
            find(start + 4, b"-->")
        } else if rest.starts_with(b"<![CDATA[") {
            find(start + 9, b"]]>")
        } else if rest.starts_with(b"<?") {
            find(start + 2, b"?>")
        } else if rest.starts_with(b"<!") {
            skip_declaration(bytes, start)?
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            find(start + 2, b">")
        } else {
            let end = skip_tag(bytes, start + 1);
            let empty = end >= 2 && bytes.get(end - 2) == Some(&b'/');
            if !empty {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err((
                        format!(
                            "elements are nested more than {MAX_DEPTH} deep, deeper than frise reads (TimeML needs a handful of levels)"
                        ),
                        start,
                    ));
                }
            }
            end
        };
    }
    Ok(())
}

/// The offset just after the `>` that ends the tag begun before `from`, quotes skipped.
fn skip_tag(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (k, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return k + 1,
            None => {}
        }
    }
    bytes.len()
}

/// Skips a `<!DOCTYPE …>` (with its internal subset) or another declaration, refusing entity
/// values that hold markup, literally or as a character reference to `<`.
fn skip_declaration(bytes: &[u8], start: usize) -> Result<usize, (String, usize)> {
    let mut quote: Option<(u8, usize)> = None;
    let mut brackets = 0usize;
    let mut k = start + 2;
    while let Some(&b) = bytes.get(k) {
        match quote {
            Some((q, _)) if b == q => quote = None,
            Some((_, at)) => {
                let rest = bytes.get(k..).unwrap_or(&[]);
                if b == b'<' || char_ref_to_lt(rest) {
                    return Err((
                        "the DTD declares an entity whose value holds markup; frise does not expand such entities".to_owned(),
                        at,
                    ));
                }
            }
            None => match b {
                b'"' | b'\'' => quote = Some((b, k)),
                b'[' => brackets += 1,
                b']' => brackets = brackets.saturating_sub(1),
                b'<' if brackets > 0 && bytes.get(k..k + 4) == Some(b"<!--") => {
                    k = bytes
                        .get(k + 4..)
                        .and_then(|r| r.windows(3).position(|w| w == b"-->"))
                        .map_or(bytes.len(), |p| k + 4 + p + 3);
                    continue;
                }
                b'>' if brackets == 0 => return Ok(k + 1),
                _ => {}
            },
        }
        k += 1;
    }
    Ok(bytes.len())
}

/// Does `rest` start with a character reference to `<` (`&#60;`, `&#x3C;`, …)?
fn char_ref_to_lt(rest: &[u8]) -> bool {
    let Some(body) = rest.strip_prefix(b"&#") else {
        return false;
    };
    let (digits, radix) = match body.first() {
        Some(b'x' | b'X') => (body.get(1..).unwrap_or(&[]), 16),
        _ => (body, 10),
    };
    let end = digits
        .iter()
        .position(|&b| b == b';')
        .unwrap_or(digits.len());
    std::str::from_utf8(digits.get(..end).unwrap_or(&[]))
        .ok()
        .and_then(|d| u32::from_str_radix(d, radix).ok())
        == Some(u32::from(b'<'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_bounded_before_parsing() {
        let deep = format!("<TimeML>{}</TimeML>", "<s>".repeat(MAX_DEPTH + 1));
        let Err((message, at)) = check_nesting(&deep) else {
            panic!("deep nesting accepted");
        };
        assert!(message.contains("nested"));
        assert_eq!(at, "<TimeML>".len() + 3 * (MAX_DEPTH - 1));
        let fine = "<?xml version='1.0'?><!-- <a><a> --><TimeML a='>'><TEXT><![CDATA[<x>]]><E/>t</TEXT></TimeML>";
        assert_eq!(check_nesting(fine), Ok(()));
        let entity = "<!DOCTYPE T [<!ENTITY e \"<a><a>\">]><T>&e;</T>";
        assert!(check_nesting(entity).is_err());
        let char_ref = "<!DOCTYPE T [<!ENTITY e \"&#x3C;a>\">]><T>&e;</T>";
        assert!(check_nesting(char_ref).is_err());
        let harmless = "<!DOCTYPE T [<!-- <x> --><!ENTITY eacute \"&#233;\">]><T>&eacute;</T>";
        assert_eq!(check_nesting(harmless), Ok(()));
    }
}
