//! What the law asks (`[statutory]` and the register): ids in `meets` that
//! name no requirement, requirements no page meets, must-publish items that
//! are missing or drafts only, review cycles longer than the register's,
//! approvals below its level, and `statutory` flags that disagree with it.
//! Findings about the school as a whole point at `[statutory]`.

use std::collections::HashMap;
use std::ops::Range;

use crate::base::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::content::{Meta, Page, Site};
use crate::statutory::approval::{self, Approval, Level};
use crate::statutory::register::{Kind, Publish, Register};
use crate::statutory::{Requirement, Statutory, unknown_id_hint};

/// Runs the statutory checks. Without `[statutory]` only the ids in
/// `meets` are checked, against England's register.
pub(super) fn check(site: &Site, diags: &mut Diagnostics) {
    let fallback;
    let register = match &site.statutory {
        Some(s) => &s.register,
        None => {
            fallback = Register::built_in("england").unwrap_or_default();
            &fallback
        }
    };
    unknown_ids(site, register, diags);
    let Some(st) = &site.statutory else {
        return;
    };
    whole_school(site, diags);
    for (_, page) in site.source_pages() {
        cycle(page, st, diags);
        approval(page, st, diags);
        mismatch(page, st, diags);
    }
}

/// `statutory-unknown`: an id in `meets` that the register does not have.
fn unknown_ids(site: &Site, register: &Register, diags: &mut Diagnostics) {
    for (_, page) in site.source_pages() {
        for id in page.meta.meets() {
            if register.requirement(id.get_ref()).is_none() {
                let ids = register.requirements.iter().map(|r| r.id.as_str());
                diags.push(Diagnostic::at(
                    Code::StatutoryUnknown,
                    &page.source,
                    page.front_span(id.span()),
                    format!(
                        "`meets` names `{}`, which is not in the statutory register",
                        id.get_ref()
                    ),
                    unknown_id_hint(id.get_ref(), ids),
                ));
            }
        }
    }
}

/// The pages (drafts too) that meet each requirement, by id.
pub(crate) fn meeting(site: &Site) -> HashMap<&str, Vec<&Page>> {
    let mut out: HashMap<&str, Vec<&Page>> = HashMap::new();
    for (_, page) in site.source_pages() {
        for id in page.meta.meets() {
            out.entry(id.get_ref().as_str()).or_default().push(page);
        }
    }
    out
}

/// `statutory-missing` and `publish-missing`, at most one per requirement:
/// findings about the whole school, which need every page of the site.
pub(crate) fn whole_school(site: &Site, diags: &mut Diagnostics) {
    let (Some(st), Some(config)) = (&site.statutory, &site.config.source) else {
        return;
    };
    let by_id = meeting(site);
    let school = st.school.school_type;
    for r in st
        .applicable()
        .filter(|r| st.reason_not_applicable(r).is_none())
    {
        let pages = by_id.get(r.id.as_str()).map_or(&[][..], Vec::as_slice);
        let must_publish = r.publish.get(school) == Publish::Must;
        let source = source_words(st, r);
        if pages.is_empty() && r.kind != Kind::Information {
            diags.push(Diagnostic::at(
                Code::StatutoryMissing,
                config,
                st.table.clone(),
                format!("{} must have {} (`{}`), and no page meets it", school.in_words(), r.title, r.id),
                format!(
                    "add meets = [\"{}\"] to the front matter of the {} that covers it, or write one; if it does not apply, add \"{}\" = \"why\" to [statutory] not_applicable. Source: {source}",
                    r.id, kind_word(r.kind), r.id
                ),
            ));
        } else if must_publish && pages.is_empty() {
            diags.push(Diagnostic::at(
                Code::PublishMissing,
                config,
                st.table.clone(),
                format!(
                    "{} must publish {} (`{}`) on its website, and no page meets it",
                    school.in_words(),
                    r.title,
                    r.id
                ),
                format!(
                    "add a page with meets = [\"{}\"] in its front matter. Source: {source}",
                    r.id
                ),
            ));
        } else if must_publish && pages.iter().all(|p| p.draft) {
            let page = pages[0];
            diags.push(Diagnostic::at(
                Code::PublishMissing,
                &page.source,
                meets_span(page, &r.id),
                format!("{} (`{}`) must be published on the website, but every page that meets it is a draft", r.title, r.id),
                format!("publish this page (remove `draft = true`) once it is approved. Source: {source}"),
            ));
        }
    }
}

/// "a policy", "a document or record", "a page".
fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Policy => "policy",
        Kind::Document => "page",
        Kind::Information => "page",
    }
}

/// The requirement's first source, government pages first: title, address
/// and the day it was read.
pub(crate) fn source_words(st: &Statutory, r: &Requirement) -> String {
    match st.sources_of(r).first() {
        Some(s) => match &s.read {
            Some(read) => format!("{}, {} (read {read})", s.title, s.url),
            None => format!("{}, {}", s.title, s.url),
        },
        None => "the statutory register".into(),
    }
}

/// Where `meets` names `id` in a page.
fn meets_span(page: &Page, id: &str) -> Range<usize> {
    page.meta
        .meets()
        .iter()
        .find(|m| m.get_ref() == id)
        .map_or(page.id_span.clone(), |m| page.front_span(m.span()))
}

/// The requirements a page meets that this school must meet.
fn met<'a>(page: &Page, st: &'a Statutory) -> Vec<&'a Requirement> {
    page.meta
        .meets()
        .iter()
        .filter_map(|id| st.register.requirement(id.get_ref()))
        .filter(|r| st.applies(r) && st.reason_not_applicable(r).is_none())
        .collect()
}

/// `statutory-cycle`: reviewed less often than the strictest cycle among
/// the requirements the page meets.
fn cycle(page: &Page, st: &Statutory, diags: &mut Diagnostics) {
    let Some(review) = &page.review else {
        return;
    };
    let months = match (review.cycle, review.approved, review.next) {
        (Some(c), _, _) => c.months,
        (None, Some(from), Some(to)) => months_between(from, to),
        _ => return,
    };
    let Some((r, wanted)) = met(page, st)
        .into_iter()
        .filter_map(|r| Some((r, r.cycle.months()?)))
        .min_by_key(|(_, m)| *m)
    else {
        return;
    };
    if months <= wanted {
        return;
    }
    let (every, next) = match &page.meta {
        Meta::Policy(f) => (
            f.review_every.as_ref().map(|s| s.span()),
            f.next_review.as_ref().map(|s| s.span()),
        ),
        Meta::Agreement(f) => (
            f.review_every.as_ref().map(|s| s.span()),
            f.next_review.as_ref().map(|s| s.span()),
        ),
        _ => (None, None),
    };
    let place = every
        .or(next)
        .map_or(page.id_span.clone(), |s| page.front_span(s));
    let years = |m: i32| {
        if m % 12 == 0 {
            format!("{} year{}", m / 12, if m == 12 { "" } else { "s" })
        } else {
            format!("{m} months")
        }
    };
    diags.push(Diagnostic::at(
        Code::StatutoryCycle,
        &page.source,
        place,
        format!(
            "this page is reviewed every {}, but {} (`{}`) is to be reviewed every {}",
            years(months),
            r.title,
            r.id,
            years(wanted)
        ),
        format!(
            "write review_every = \"{}\" (or an earlier next_review). Source: {}",
            years(wanted),
            source_words(st, r)
        ),
    ));
}

/// Whole months from one date to another, a part month counted as one.
fn months_between(from: jiff::civil::Date, to: jiff::civil::Date) -> i32 {
    let whole = (i32::from(to.year()) - i32::from(from.year())) * 12 + i32::from(to.month())
        - i32::from(from.month());
    whole + i32::from(to.day() > from.day())
}

/// `statutory-approval`: the policy's `approved_by` names a level below the
/// one the register asks for (the former DfE list's where the current one
/// states none). Words Charter cannot read as a level are left alone.
fn approval(page: &Page, st: &Statutory, diags: &mut Diagnostics) {
    let Meta::Policy(f) = &page.meta else {
        return;
    };
    let Some(by) = &f.approved_by else {
        return;
    };
    let Some(given) = approval::recognise(by.get_ref()) else {
        return;
    };
    let school = st.school.school_type;
    let wanted = |r: &Requirement| -> Option<(Level, bool)> {
        match r.approval.get(school) {
            Approval::NotStated => Some((r.approval_former?.get(school).level()?, true)),
            a => Some((a.level()?, false)),
        }
    };
    let Some((r, (level, former))) = met(page, st)
        .into_iter()
        .filter_map(|r| Some((r, wanted(r)?)))
        .max_by_key(|(_, (l, _))| *l)
    else {
        return;
    };
    if given >= level {
        return;
    }
    let whose = if former {
        "the DfE's former (withdrawn) list of statutory policies"
    } else {
        "the register"
    };
    diags.push(Diagnostic::at(
        Code::StatutoryApproval,
        &page.source,
        page.front_span(by.span()),
        format!(
            "approved by {} ({}), but {whose} says {} (`{}`) is approved by {} at least",
            by.get_ref(), given.label(), r.title, r.id, level.label()
        ),
        format!(
            "have it approved at that level and record who approved it, or check that your scheme of delegation allows this. Source: {}",
            source_words(st, r)
        ),
    ));
}

/// `statutory-mismatch`: the `statutory` flag disagrees with the register.
fn mismatch(page: &Page, st: &Statutory, diags: &mut Diagnostics) {
    let Meta::Policy(f) = &page.meta else {
        return;
    };
    let Some(flag) = &f.statutory else {
        return;
    };
    let (message, hint) = match *flag.get_ref() {
        true if f.meets.is_empty() => (
            "`statutory = true`, but this policy meets no requirement of the statutory register",
            "add meets = [\"…\"] with the requirement it meets, or remove `statutory = true`",
        ),
        true if !st.requires_document(&f.meets) => (
            "`statutory = true`, but none of the requirements in `meets` is a policy or document this school must have",
            "remove `statutory = true`, or check `meets` and [statutory] in charter.toml",
        ),
        false if st.requires_policy(&f.meets) => (
            "`statutory = false`, but this policy meets a policy requirement the school must have",
            "remove `statutory = false` (the register makes it statutory), or correct `meets`",
        ),
        _ => return,
    };
    diags.push(Diagnostic::at(
        Code::StatutoryMismatch,
        &page.source,
        page.front_span(flag.span()),
        message,
        hint,
    ));
}
