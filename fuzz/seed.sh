#!/usr/bin/env bash
# Rebuilds the seed corpora in fuzz/corpus/ from fixtures/ (run from anywhere).
# The fuzzers' own finds go to a scratch corpus (see README.md), not here.
set -euo pipefail
cd "$(dirname "$0")"
small=../fixtures/small
demo=../fixtures/demo
rm -rf corpus
mkdir -p corpus/load_folder corpus/decisions_file corpus/arithmetic

# load_folder, "mutate a valid folder" mode: a selector byte, then the file.
files=("$small/policy.json" "$small/org.json" "$small/submissions/r1.json"
       "$small/submissions/r2.json" "$small/submissions/r3.json")
for i in 0 1 2 3 4; do
  { printf "\\x0$i"; cat "${files[$i]}"; } > "corpus/load_folder/small-$i"
done
{ printf '\x05'; printf 'rater_id,rater_name,employee_id,score,weight,comment\r\nR4,丁主管,E08,77.5,1,"late, but fair"\r\nR4,丁主管,E01,"82",2,\r\n'; } \
  > corpus/load_folder/small-5-csv
{ printf '\x05'; printf '\xef\xbb\xbfemployee_id,score,rater_name,rater_id\nE08,1E+1,丁主管,R4\n'; } \
  > corpus/load_folder/small-5-csv-bom

# "any files" mode: 0x80, then policy, org and submissions split at 0xFF.
split() {
  local out=$1; shift
  printf '\x80' > "$out"
  local first=1
  for f in "$@"; do
    if [ $first = 0 ]; then printf '\xff' >> "$out"; fi
    first=0
    cat "$f" >> "$out"
  done
}
split corpus/load_folder/split-small "$small/policy.json" "$small/org.json" "$small"/submissions/*.json
split corpus/load_folder/split-demo "$demo/policy.json" "$demo/org.json" "$demo"/submissions/*
for case in csv_unbalanced_quote quota_row_sum rater_two_names many_errors; do
  dir=../fixtures/invalid/$case
  split "corpus/load_folder/split-invalid-$case" "$dir/policy.json" "$dir/org.json" "$dir"/submissions/*
done

# decisions_file: sessions on fixtures/small, and the demo's (unknown names there).
cp "$demo/session.json" corpus/decisions_file/demo-session.json
cat > corpus/decisions_file/small-all-kinds.json <<'JSON'
{
  "version": 1,
  "decisions": [
    { "kind": "rater_scale", "rater": "R1", "method": "zscore", "reason": "lenient", "at": "2026-11-27T09:12:00Z", "by": "HR" },
    { "kind": "rater_scale", "rater": "R2", "method": "linear", "stretch": "1.2", "shift": "-3" },
    { "kind": "rater_scale", "rater": "R3", "method": "offset", "delta": 2.5 },
    { "kind": "rater_scale", "rater": "R1", "method": "quantile" },
    { "kind": "rater_scale", "rater": "R2", "method": "zscore", "mean": "70", "sd": "5" },
    { "kind": "rater_scale", "rater": "R3", "method": "none" },
    { "kind": "department_grade", "department": "D3", "grade": "A", "reason": "..." },
    { "kind": "override", "employee": "E04", "grade": "S", "reason": "=led the peak" },
    { "kind": "override", "employee": "E09", "grade": "D", "reason": "late" },
    { "kind": "clear_override", "employee": "E04" }
  ]
}
JSON
cat > corpus/decisions_file/small-extreme.json <<'JSON'
{"version": 1, "decisions": [
{ "kind": "rater_scale", "rater": "R1", "method": "linear", "stretch": "79228162514264337593543950335", "shift": "-79228162514264337593543950335" },
{ "kind": "rater_scale", "rater": "R2", "method": "zscore", "sd": "0.0000000000000000000000000001", "mean": 1e9 },
{ "kind": "rater_scale", "rater": "R3", "method": "offset", "delta": "-0" }
]}
JSON
printf '{"version":1,"decisions":[]}' > corpus/decisions_file/empty.json

# arithmetic: structured by `arbitrary`; a few fixed byte strings to start from.
for i in 1 2 3 4; do
  head -c $((i * 256)) /dev/zero | tr '\0' "\\$((i + 1))" > "corpus/arithmetic/fill-$i"
done
printf 'calibra arithmetic seed: 10^20 scores, 28-digit fractions, a department of one' > corpus/arithmetic/text
