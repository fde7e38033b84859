//! `copydesk import`, driven as a user would: a brat folder, a CoNLL corpus with broken tags,
//! the summary, the refusals and the exit status.

use crate::common::copydesk;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn a_brat_folder_becomes_pages_and_sidecars() {
    let dir = tempfile::tempdir().unwrap();
    let brat = dir.path().join("brat/sub");
    std::fs::create_dir_all(&brat).unwrap();
    std::fs::write(brat.join("d1.txt"), "𠀀水县😀林晓舟说。\n").unwrap();
    std::fs::write(
        brat.join("d1.ann"),
        "T1\tLOC 0 3\t𠀀水县\nT2\tPER 4 7\t林晓舟\nT3\tPER 4 6\t林舟\n",
    )
    .unwrap();
    let into = dir.path().join("pages");
    let source = dir.path().join("brat");
    let args = [
        "import",
        source.to_str().unwrap(),
        "--format",
        "brat",
        "--into",
        into.to_str().unwrap(),
        "--author",
        "archivist",
    ];
    let output = copydesk(&args);
    assert_eq!(output.status.code(), Some(1), "a span was refused");
    assert_eq!(
        stdout(&output),
        format!(
            "imported 1 page into {} (brat): 2 spans, 1 refused\n",
            into.display()
        )
    );
    assert_eq!(
        stderr(&output),
        format!(
            "copydesk: {}:3: PER span: its text \"林舟\" does not match its range 4 6, which holds \"林晓\"; left out\n",
            brat.join("d1.ann").display()
        )
    );
    let listed = copydesk(&[
        "annotations",
        into.join("sub/d1.txt").to_str().unwrap(),
        "--json",
    ]);
    let text = stdout(&listed);
    assert!(text.contains("\"author\":\"archivist\""), "{text}");
    assert!(text.contains("\"origin\":\"import:brat\""), "{text}");
}

#[test]
fn a_conll_corpus_is_cut_into_pages_and_unknown_labels_added_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ner.conll");
    std::fs::write(&file, "南\tB-GPE\n京\tI-GPE\n的\tO\n\n林\tI-PER\n").unwrap();
    let into = dir.path().join("pages");
    let mut args = vec![
        "import",
        file.to_str().unwrap(),
        "--format",
        "conll",
        "--into",
        into.to_str().unwrap(),
    ];
    args.push("--add-labels");
    let output = copydesk(&args);
    assert_eq!(
        stderr(&output),
        format!(
            "copydesk: label GPE added to the tag set (1 span)\ncopydesk: {}:5: I-PER does not continue a PER span begun by B-PER; left out\n",
            file.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(into.join("ner-001.txt")).unwrap(),
        "南京的\n林\n"
    );
    assert!(
        std::fs::read_to_string(into.join("tagset.ron"))
            .unwrap()
            .contains("label: \"GPE\"")
    );
}
