//! The app on a 2 MB page with 20 000 annotations, driven through `egui::Context` with no
//! window: time to open the page (the document alone, and the app ready to draw it), CPU time per frame (layout and tessellation, no GPU) while
//! scrolling the whole-page view, the wait when the running app opens another such page (from
//! the request to its first fully drawn frame), and memory in use; then the library of a folder
//! of 5 000 pages, frame times while its sidecars are read. Budgets: open < 50 ms, p99 < 4 ms,
//! < 200 MB resident (the page); the library listed in < 1 s, < 300 MB.
//!
//! Run with `cargo bench --bench frame`.

mod common;

use std::time::{Duration, Instant};

use copydesk::annotation::{Document, sidecar};
use copydesk::app::dialogs::ScriptedDialog;
use copydesk::app::fonts::FontChoice;
use copydesk::app::{Action, CopydeskApp, Startup, UiCommand};
use eframe::egui;

const ANNOTATIONS: usize = 20_000;
const WARM_UP: usize = 60;
const FRAMES: usize = 600;

#[expect(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]
fn main() {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("temporary folder: {err}"));
    let page = common::annotated_page(
        dir.path(),
        ANNOTATIONS,
        &["PER", "LOC", "ORG", "METRIC", "DATE"],
    );
    let text = std::fs::read_to_string(&page).unwrap_or_else(|err| panic!("{err}"));
    let chars = text.chars().count();

    let started = Instant::now();
    let reopened = Document::open(&page).unwrap_or_else(|err| panic!("{err}"));
    let document_time = started.elapsed();
    drop(reopened);

    let ctx = egui::Context::default();
    let started = Instant::now();
    let mut app = CopydeskApp::with_context(
        &ctx,
        None,
        Startup {
            path: Some(page),
            fonts: FontChoice::BundledOnly,
            dialogs: Box::new(ScriptedDialog::default()),
            compare: None,
        },
    );
    let open_time = started.elapsed();
    let annotations = app.page().map_or(0, |p| p.document.annotations().len());
    app.push(Action::Ui(UiCommand::ToggleWholePage));

    let mut first_frame = None;
    let mut times = Vec::with_capacity(FRAMES);
    for frame in 0..WARM_UP + FRAMES {
        let elapsed = draw(&ctx, &mut app, frame, frame > 2);
        if frame == 0 {
            first_frame = Some(elapsed);
        }
        if frame >= WARM_UP {
            times.push(elapsed);
        }
    }
    let mut opening = open_another(&ctx, &mut app, dir.path(), WARM_UP + FRAMES);
    opening.sort();
    times.sort();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "page: {} MB, {chars} characters, {annotations} annotations",
        text.len() as f64 / 1e6
    );
    println!(
        "open page + sidecar, ready to draw: {:.1} ms (of which the document: {:.1} ms)",
        ms(open_time),
        ms(document_time)
    );
    println!(
        "first frame (font loading, layout): {:.1} ms",
        first_frame.map_or(0.0, ms)
    );
    println!(
        "scrolling the whole page, {FRAMES} frames: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms(at(0.5)),
        ms(at(0.9)),
        ms(at(0.99)),
        ms(at(1.0))
    );
    println!(
        "opening another page in the running app, request to first drawn frame: median {:.1} ms, max {:.1} ms (5 times)",
        ms(opening[2]),
        ms(opening[4])
    );
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        for line in status
            .lines()
            .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        {
            println!("{line}");
        }
    }
    library_frames(&ctx, dir.path());
}

/// The library of a folder of 5 000 pages while its sidecars are read: frame times from the
/// first frame to the one with every count in, and how long that took.
#[expect(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]
fn library_frames(ctx: &egui::Context, dir: &std::path::Path) {
    const PAGES: usize = 5000;
    let root = dir.join("library");
    copydesk::suggest::load_dictionary();
    common::library_folder(&root, PAGES);
    let started = Instant::now();
    let mut app = CopydeskApp::with_context(
        ctx,
        None,
        Startup {
            path: Some(root),
            fonts: FontChoice::BundledOnly,
            dialogs: Box::new(ScriptedDialog::default()),
            compare: None,
        },
    );
    let listed = started.elapsed();
    let mut times = Vec::new();
    let mut frame = 10_000;
    while app.library_reading() > 0 || times.is_empty() {
        times.push(draw(ctx, &mut app, frame, false));
        frame += 1;
        // About 60 frames a second, as a window drawing the progress bar would.
        std::thread::sleep(Duration::from_millis(16));
    }
    let filled = started.elapsed();
    let mut after: Vec<Duration> = (0..60)
        .map(|n| draw(ctx, &mut app, frame + n, false))
        .collect();
    after.sort();
    times.sort();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "library of {PAGES} pages: listed and shown in {:.0} ms, every count in after {:.2} s; {} frames meanwhile: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; then p50 {:.2} ms",
        ms(listed),
        filled.as_secs_f64(),
        times.len(),
        ms(at(0.5)),
        ms(at(0.99)),
        ms(at(1.0)),
        ms(after[30])
    );
}

/// One frame, drawn and tessellated; `scroll` turns the mouse wheel. Returns the CPU time.
fn draw(ctx: &egui::Context, app: &mut CopydeskApp, frame: usize, scroll: bool) -> Duration {
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    let mut input = egui::RawInput {
        screen_rect: Some(screen),
        time: Some(frame as f64 / 60.0),
        predicted_dt: 1.0 / 60.0,
        ..egui::RawInput::default()
    };
    input
        .events
        .push(egui::Event::PointerMoved(egui::pos2(640.0, 400.0)));
    if scroll {
        input.events.push(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -90.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        });
    }
    let start = Instant::now();
    let output = ctx.run_ui(input, |ui| app.frame_ui(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    let elapsed = start.elapsed();
    std::hint::black_box(primitives);
    elapsed
}

/// Opens another copy of the page in `dir` five times, back and forth, as Ctrl+PageDown, Open
/// or Recent would: the wait from the request to the first frame that draws the new page. The
/// frame that takes the request opens and draws it; the next is counted too, in case a row's
/// height is corrected there.
fn open_another(
    ctx: &egui::Context,
    app: &mut CopydeskApp,
    dir: &std::path::Path,
    first_frame: usize,
) -> Vec<Duration> {
    let second = dir.join("second");
    std::fs::create_dir(&second).unwrap_or_else(|err| panic!("{err}"));
    let page = dir.join("big.txt");
    let copy = second.join("big.txt");
    std::fs::copy(&page, &copy).unwrap_or_else(|err| panic!("{err}"));
    std::fs::copy(sidecar::path_for(&page), sidecar::path_for(&copy))
        .unwrap_or_else(|err| panic!("{err}"));
    (0..5)
        .map(|round| {
            // A reader's pause between pages, in which the page closed before is freed.
            std::thread::sleep(Duration::from_millis(200));
            let target = if round % 2 == 0 { &copy } else { &page };
            app.push(Action::Open(target.clone()));
            let frame = first_frame + 2 * round;
            draw(ctx, app, frame, false) + draw(ctx, app, frame + 1, false)
        })
        .collect()
}
