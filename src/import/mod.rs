//! `charter import`: documents from elsewhere (Word, web pages) read into
//! one [`document::Document`] model.

pub(crate) mod document;
pub(crate) mod docx;
pub(crate) mod html;
#[cfg(test)]
mod testing;
