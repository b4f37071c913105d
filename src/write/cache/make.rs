//! Making the new output in a folder: deciding, job by job, whether its
//! files are already there as they should be, can be taken from the
//! published folder (a hard link), or must be rendered; then the same for
//! the files published as they are; then removing what the new output
//! does not have.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::Laps;
use super::inputs::{content_key, copy_key};
use super::manifest::{JobRecord, Manifest};
use super::tree::{self, FileRecord, Records, Stamp};
use crate::content::Site;
use crate::error::Error;
use crate::render::{Job, RenderError, Sink};
use crate::write::files::Copied;

/// Where a file of the new output comes from, when it is not made anew.
#[derive(Debug, Clone, Copy)]
enum Taken {
    /// The folder already holds it, as recorded.
    Kept(FileRecord),
    /// The published folder holds it, as recorded: it is linked.
    Published(FileRecord),
}

/// For each job, its files and where they are taken from; `None` when
/// it is rendered.
type Plan = Vec<Option<Vec<(String, Taken)>>>;

/// How a file was put in place: not at all (it was there), written, or
/// written after making its folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    None,
    Written,
    WithFolders,
}

impl Change {
    fn of(written: bool, folders_made: bool) -> Change {
        match (written, folders_made) {
            (false, _) => Change::None,
            (true, false) => Change::Written,
            (true, true) => Change::WithFolders,
        }
    }

    /// Notes in `touched` the folders whose entries changed.
    fn mark(self, rel: &str, touched: &mut HashSet<String>) {
        match self {
            Change::None => {}
            Change::Written => {
                touched.insert(tree::parent(rel).to_string());
            }
            Change::WithFolders => touched.extend(tree::ancestors(rel).map(str::to_string)),
        }
    }
}

/// One build's outputs, to be made in `dir`.
pub(super) struct Build<'a> {
    pub site: &'a Site,
    pub jobs: &'a [Job<'a>],
    pub tera: &'a tera::Tera,
    /// Each job's fingerprint.
    pub prints: &'a [u64],
    /// What the last build made, when the cache was read.
    pub previous: Option<&'a Manifest>,
    /// The published folder.
    pub public: &'a Path,
    /// The folder the new output is made in.
    pub dir: &'a Path,
}

/// What was made: each job's record, and the new tree's.
pub(super) struct Made {
    pub jobs: BTreeMap<String, JobRecord>,
    pub tree: Records,
}

impl Build<'_> {
    /// Makes the new output in `dir`, whose files and folders are
    /// `records` (none for a new folder). `begin` is called before the
    /// folder is first changed.
    pub(super) fn make(
        &self,
        records: Option<&Records>,
        begin: impl FnOnce() -> io::Result<()>,
        laps: &mut Laps,
    ) -> Result<Made, Error> {
        let empty = Records::default();
        let records = records.unwrap_or(&empty);
        let verified = tree::verify(self.dir, records);
        laps.lap("verify");
        let plan: Plan = self
            .jobs
            .par_iter()
            .zip(self.prints)
            .map(|(job, print)| self.reusable(job, *print, &verified.files))
            .collect();
        laps.lap("plan");
        let io_error = self.write_error("");
        begin()
            .and_then(|()| std::fs::create_dir_all(self.dir))
            .map_err(self.write_error(""))?;
        let mut touched =
            tree::clean(self.dir, records, &verified).map_err(self.write_error(""))?;
        laps.lap("clean");
        let (mut files, rendered) = self.render(&plan, &verified.files, &mut touched)?;
        laps.lap("render");
        self.take(&plan, &verified.files, &mut files, &mut touched)?;
        self.copy(&verified.files, &mut files, &mut touched)?;
        let dirs = tree::folders_of(files.keys().map(String::as_str));
        let trimmed = tree::trim(self.dir, records, &verified, &files, &dirs);
        touched.extend(trimmed.map_err(self.write_error(""))?);
        let still: BTreeMap<String, Stamp> = records
            .dirs
            .iter()
            .filter(|(d, _)| verified.dirs.contains(*d) && !touched.contains(*d))
            .map(|(d, s)| (d.clone(), *s))
            .collect();
        let dirs = tree::dir_stamps(self.dir, &dirs, &still).map_err(io_error)?;
        laps.lap("write");
        Ok(Made {
            jobs: self.job_records(&plan, &rendered),
            tree: Records { files, dirs },
        })
    }

    /// The files of a job whose fingerprint is the one recorded, each where
    /// it can be taken from; `None` when the job must be rendered.
    fn reusable(
        &self,
        job: &Job,
        print: u64,
        kept: &HashMap<String, FileRecord>,
    ) -> Option<Vec<(String, Taken)>> {
        let previous = self.previous?;
        let record = previous.jobs.get(&job.output)?;
        if record.fingerprint != print {
            return None;
        }
        record
            .files(&job.output)
            .into_iter()
            .map(|rel| {
                let want = previous.public.files.get(rel)?;
                Some((rel.to_string(), self.taken(rel, want, kept)?))
            })
            .collect()
    }

    /// Where a file the last build published as `want` can be taken from.
    fn taken(
        &self,
        rel: &str,
        want: &FileRecord,
        kept: &HashMap<String, FileRecord>,
    ) -> Option<Taken> {
        match kept.get(rel) {
            Some(k) if k.0 == want.0 => Some(Taken::Kept(*k)),
            _ => (Stamp::at(&self.public.join(rel)) == Some(want.1))
                .then_some(Taken::Published(*want)),
        }
    }

    /// Renders the jobs that are not taken into the folder. Returns the
    /// records of their files, and the files, in the order made.
    fn render(
        &self,
        plan: &Plan,
        kept: &HashMap<String, FileRecord>,
        touched: &mut HashSet<String>,
    ) -> Result<(BTreeMap<String, FileRecord>, Vec<String>), Error> {
        let sink = TreeSink {
            root: self.dir,
            kept,
            made: Mutex::new(Vec::new()),
        };
        let picked: HashSet<&str> = self
            .jobs
            .iter()
            .zip(plan)
            .filter(|(_, taken)| taken.is_none())
            .map(|(j, _)| j.output.as_str())
            .collect();
        crate::render::render_jobs(
            self.jobs,
            self.tera,
            |j| picked.contains(j.output.as_str()),
            &sink,
        )?;
        let made = sink.made.into_inner().unwrap_or_default();
        let mut files = BTreeMap::new();
        let mut rendered = Vec::with_capacity(made.len());
        for (rel, record, change) in made {
            change.mark(&rel, touched);
            files.insert(rel.clone(), record);
            rendered.push(rel);
        }
        Ok((files, rendered))
    }

    /// Puts the files of the jobs not rendered in place: those the folder
    /// holds stay, those of the published folder are linked.
    fn take(
        &self,
        plan: &Plan,
        kept: &HashMap<String, FileRecord>,
        files: &mut BTreeMap<String, FileRecord>,
        touched: &mut HashSet<String>,
    ) -> Result<(), Error> {
        let taken: Vec<&(String, Taken)> = plan.iter().flatten().flatten().collect();
        let linked: Vec<(&String, FileRecord, Change)> = taken
            .par_iter()
            .filter_map(|(rel, t)| match t {
                Taken::Published(record) => Some((rel, *record)),
                Taken::Kept(_) => None,
            })
            .map(|(rel, record)| {
                let from = self.public.join(rel);
                let (copied, folders) = tree::link(self.dir, rel, &from, kept.contains_key(rel))
                    .map_err(self.write_error(rel))?;
                let record = FileRecord(record.0, copied.unwrap_or(record.1));
                Ok((rel, record, Change::of(true, folders)))
            })
            .collect::<Result<_, Error>>()?;
        for (rel, record, change) in linked {
            change.mark(rel, touched);
            files.insert(rel.clone(), record);
        }
        for (rel, t) in taken {
            if let Taken::Kept(record) = t {
                files.insert(rel.clone(), *record);
            }
        }
        Ok(())
    }

    /// Puts the files published as they are in place: kept or linked when
    /// their source is as it was, else copied (a copy at the place of a
    /// rendered file is always made again).
    fn copy(
        &self,
        kept: &HashMap<String, FileRecord>,
        files: &mut BTreeMap<String, FileRecord>,
        touched: &mut HashSet<String>,
    ) -> Result<(), Error> {
        let copies =
            crate::pipeline::copied_files(self.site, |rel| files.contains_key(rel), |_| true)?;
        let previous = |rel: &str| self.previous.and_then(|p| p.public.files.get(rel));
        let put: Vec<(&String, FileRecord, Change)> = copies
            .par_iter()
            .map(|(rel, copied)| {
                let key = copy_key(copied);
                let over = files.contains_key(rel);
                let taken = match (key, previous(rel), kept.get(rel.as_str())) {
                    (_, _, _) if over => None,
                    (Some(key), _, Some(k)) if k.0 == key => Some(Taken::Kept(*k)),
                    (Some(key), Some(want), _) if want.0 == key => self.taken(rel, want, kept),
                    _ => None,
                };
                let exists = over || kept.contains_key(rel.as_str());
                self.put_copy(rel, copied, key, taken, exists)
                    .map(|(record, change)| (rel, record, change))
            })
            .collect::<Result<_, Error>>()?;
        for (rel, record, change) in put {
            change.mark(rel, touched);
            files.insert(rel.clone(), record);
        }
        Ok(())
    }

    /// Puts one file published as it is in place.
    fn put_copy(
        &self,
        rel: &str,
        copied: &Copied,
        key: Option<u64>,
        taken: Option<Taken>,
        exists: bool,
    ) -> Result<(FileRecord, Change), Error> {
        let (record, folders) = match (taken, copied) {
            (Some(Taken::Kept(record)), _) => return Ok((record, Change::None)),
            (Some(Taken::Published(record)), _) => {
                let from = self.public.join(rel);
                let (copy, folders) =
                    tree::link(self.dir, rel, &from, exists).map_err(self.write_error(rel))?;
                (FileRecord(record.0, copy.unwrap_or(record.1)), folders)
            }
            (None, Copied::Embedded(bytes)) => {
                let (stamp, folders) =
                    tree::put(self.dir, rel, bytes, exists).map_err(self.write_error(rel))?;
                (FileRecord(key.unwrap_or_default(), stamp), folders)
            }
            (None, Copied::File(source)) => {
                let (stamp, folders) =
                    tree::copy(self.dir, rel, source, exists).map_err(self.write_error(rel))?;
                // Without a key (no stamp of the source), one that never
                // matches: the file is copied again next time.
                (
                    FileRecord(key.unwrap_or_else(|| content_key(b"")), stamp),
                    folders,
                )
            }
        };
        Ok((record, Change::of(true, folders)))
    }

    /// Each job's record for the next build: its fingerprint, and the
    /// files of one that writes a folder of them.
    fn job_records(&self, plan: &Plan, rendered: &[String]) -> BTreeMap<String, JobRecord> {
        let mut in_folders: HashMap<&str, Vec<String>> = HashMap::new();
        let folders: Vec<(&str, &str)> = self
            .jobs
            .iter()
            .filter_map(|j| Some((j.output.as_str(), j.folder.as_deref()?)))
            .collect();
        for rel in rendered {
            if let Some((output, _)) = folders
                .iter()
                .find(|(output, folder)| rel == output || rel.starts_with(folder))
            {
                in_folders.entry(output).or_default().push(rel.clone());
            }
        }
        self.jobs
            .iter()
            .zip(self.prints)
            .zip(plan)
            .map(|((job, print), taken)| {
                let files = match (taken, job.folder.is_some()) {
                    (_, false) => None,
                    (Some(files), true) => Some(files.iter().map(|(f, _)| f.clone()).collect()),
                    (None, true) => {
                        let mut files = in_folders.remove(job.output.as_str()).unwrap_or_default();
                        files.sort();
                        Some(files)
                    }
                };
                let record = JobRecord {
                    fingerprint: *print,
                    files,
                };
                (job.output.clone(), record)
            })
            .collect()
    }

    fn write_error(&self, rel: &str) -> impl FnOnce(io::Error) -> Error + use<> {
        let path = if rel.is_empty() {
            self.dir.to_path_buf()
        } else {
            PathBuf::from(rel)
        };
        move |source| RenderError::Write { path, source }.into()
    }
}

/// Writes rendered files into the folder, leaving alone those it already
/// holds with the same bytes.
struct TreeSink<'a> {
    root: &'a Path,
    kept: &'a HashMap<String, FileRecord>,
    /// Each file rendered: its record, and how it was put in place.
    made: Mutex<Vec<(String, FileRecord, Change)>>,
}

impl Sink for TreeSink<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let key = content_key(bytes);
        let old = self.kept.get(rel);
        let made = match old {
            Some(record) if record.0 == key => (rel.to_string(), *record, Change::None),
            _ => {
                let (stamp, folders) = tree::put(self.root, rel, bytes, old.is_some())?;
                let change = Change::of(true, folders);
                (rel.to_string(), FileRecord(key, stamp), change)
            }
        };
        self.made
            .lock()
            .map_err(|_| io::Error::other("a rendering thread failed"))?
            .push(made);
        Ok(())
    }
}
