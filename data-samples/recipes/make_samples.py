#!/usr/bin/python3
"""Writes every file under data-samples/ deterministically.

Usage: /usr/bin/python3 data-samples/recipes/make_samples.py [OUTPUT_DIR]   (default: data-samples/)

* breast_cancer, digits, wine, diabetes: the real datasets shipped inside Debian's python3-sklearn
  package (sklearn/datasets/data/), converted to CSV with snake_case headers.
* patients: a synthetic admissions table (categoricals, free text, timestamps, missing values),
  generated from fixed seeds. No real person is described.
* batches/: "production" batches derived from patients and breast_cancer with fixed seeds:
  unchanged, covariate_shift, missing_values, new_categories and corrupt.

Numbers are rounded to fixed decimals and written in Python's shortest round-trip form, so the files
are byte-identical on every machine; tests/Workbench.Tests checks that by running this script and comparing hashes.
"""
import csv
import os
import re
import sys

import numpy as np
from sklearn import datasets

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def snake(name):
    return re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_")


def fmt(value, decimals):
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        rounded = round(float(value), decimals)
        return repr(rounded + 0.0)  # shortest round-trip form, identical on every platform; + 0.0 drops "-0.0"
    return str(value)


def write_csv(path, header, rows, decimals=6):
    path = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([fmt(v, decimals) for v in row])


# ---------------------------------------------------------------- real datasets (sklearn, Debian)

def export_real():
    bc = datasets.load_breast_cancer()
    header = [snake(n) for n in bc.feature_names] + ["diagnosis"]
    labels = [bc.target_names[t] for t in bc.target]  # 0 = malignant, 1 = benign in sklearn
    write_csv("breast_cancer.csv", header, [list(x) + [y] for x, y in zip(bc.data, labels)], decimals=6)

    dg = datasets.load_digits()
    header = [snake(n) for n in dg.feature_names] + ["label"]
    write_csv("digits.csv", header, [[int(v) for v in x] + [int(y)] for x, y in zip(dg.data, dg.target)])

    wn = datasets.load_wine()
    header = [snake(n) for n in wn.feature_names] + ["cultivar"]
    write_csv("wine.csv", header, [list(x) + [int(y)] for x, y in zip(wn.data, wn.target)], decimals=4)

    db = datasets.load_diabetes(scaled=False)
    header = ["age", "sex", "bmi", "bp", "s1_tc", "s2_ldl", "s3_hdl", "s4_tch", "s5_ltg", "s6_glu", "progression"]
    write_csv("diabetes.csv", header, [list(x) + [float(y)] for x, y in zip(db.data, db.target)], decimals=4)
    return bc


# ---------------------------------------------------------------- synthetic patients

COMPLAINTS = {
    "cardiology": ["chest pain radiating to left arm", "palpitations and dizziness", "chest tightness on exertion",
                   "irregular heartbeat", "swollen ankles and fatigue"],
    "oncology": ["scheduled chemotherapy cycle", "fever during chemotherapy", "unexplained weight loss",
                 "new lump found on exam", "pain at tumour site"],
    "orthopedics": ["hip fracture after fall", "knee pain and swelling", "lower back pain", "wrist injury after fall",
                    "shoulder dislocation"],
    "general_medicine": ["fever and cough", "abdominal pain and vomiting", "urinary tract infection symptoms",
                         "dehydration and weakness", "uncontrolled blood sugar"],
    "neurology": ["sudden weakness on one side", "severe headache", "seizure episode", "confusion and slurred speech",
                  "numbness in hands"],
    "pulmonology": ["shortness of breath on exertion", "worsening copd symptoms", "persistent cough with sputum",
                    "asthma exacerbation", "low oxygen saturation"],
}
DEPARTMENTS = list(COMPLAINTS)
SEVERITY = ["", "", "", "mild ", "severe ", "acute "]


def bp_category(systolic, diastolic):
    if systolic >= 140 or diastolic >= 90:
        return "stage_2"
    if systolic >= 130 or diastolic >= 80:
        return "stage_1"
    if systolic >= 120:
        return "elevated"
    return "normal"


PATIENT_HEADER = ["patient_id", "admitted_at", "age", "sex", "bmi", "smoker", "systolic_bp", "diastolic_bp",
                  "blood_pressure_category", "cholesterol", "glucose", "diabetes", "admission_type", "department",
                  "insurance", "num_prior_admissions", "length_of_stay_days", "chief_complaint", "readmitted_30d"]


def patients(n, seed, start, days, id_offset=0, age_shift=0.0, bmi_shift=0.0, glucose_shift=0.0,
             smoker_p=(0.55, 0.25, 0.20), admission_types=("emergency", "elective", "urgent", "transfer"),
             admission_p=(0.45, 0.30, 0.20, 0.05), departments=DEPARTMENTS, insurances=("medicare", "medicaid", "private", "self_pay"),
             insurance_p=(0.35, 0.2, 0.38, 0.07), missing=None):
    rng = np.random.default_rng(seed)
    missing = missing or {"bmi": 0.03, "cholesterol": 0.06, "glucose": 0.02}
    base = np.datetime64(start, "s")
    seconds = np.sort(rng.integers(0, days * 86400, size=n))
    rows = []
    for i in range(n):
        age = int(np.clip(round(rng.normal(56 + age_shift, 17)), 18, 97))
        sex = "F" if rng.random() < 0.52 else "M"
        bmi = float(np.clip(rng.normal(27.4 + bmi_shift, 5.2), 15, 60))
        smoker = str(rng.choice(["never", "former", "current"], p=list(smoker_p)))
        systolic = int(round(np.clip(rng.normal(118 + 0.35 * (age - 50) + 0.6 * (bmi - 27) + (6 if smoker == "current" else 0), 14), 85, 210)))
        diastolic = int(round(np.clip(0.52 * systolic + rng.normal(12, 6), 45, 130)))
        cholesterol = float(np.clip(rng.normal(195 + 0.4 * (age - 50), 34), 100, 400))
        diabetes_logit = -1.7 + 0.035 * (age - 50) + 0.11 * (bmi - 27)
        diabetes = bool(rng.random() < 1 / (1 + np.exp(-diabetes_logit)))
        glucose = float(np.clip(rng.normal(98 + glucose_shift + (45 if diabetes else 0), 16), 55, 400))
        admission = str(rng.choice(list(admission_types), p=list(admission_p)))
        department = str(rng.choice(list(departments)))
        insurance = str(rng.choice(list(insurances), p=list(insurance_p))) if age < 65 else str(rng.choice(["medicare", "private"], p=[0.85, 0.15]))
        prior = int(rng.poisson(0.4 + 0.02 * max(age - 40, 0) + (0.8 if diabetes else 0)))
        stay = float(np.round(rng.gamma(2.0 + (1.0 if admission == "emergency" else 0), 1.6 + 0.02 * (age - 50) if age > 50 else 1.6), 1))
        stay = max(stay, 0.2)
        complaints = COMPLAINTS.get(department, ["follow-up visit", "medication review"])
        complaint = str(rng.choice(SEVERITY)) + str(rng.choice(complaints))
        logit = (-2.6 + 0.025 * (age - 56) + 0.35 * prior + (0.6 if diabetes else 0) + 0.08 * (stay - 3)
                 + (0.5 if admission == "emergency" else 0) + (0.4 if smoker == "current" else 0)
                 + (0.3 if bp_category(systolic, diastolic) == "stage_2" else 0))
        readmitted = int(rng.random() < 1 / (1 + np.exp(-logit)))
        row = {
            "patient_id": f"P{id_offset + i + 1:06d}",
            "admitted_at": str(base + np.timedelta64(int(seconds[i]), "s")),
            "age": age, "sex": sex, "bmi": round(bmi, 1), "smoker": smoker, "systolic_bp": systolic,
            "diastolic_bp": diastolic, "blood_pressure_category": bp_category(systolic, diastolic),
            "cholesterol": round(cholesterol, 1), "glucose": round(glucose, 1), "diabetes": diabetes,
            "admission_type": admission, "department": department, "insurance": insurance,
            "num_prior_admissions": prior, "length_of_stay_days": stay, "chief_complaint": complaint,
            "readmitted_30d": readmitted,
        }
        for column, share in missing.items():
            if rng.random() < share:
                row[column] = None
        rows.append([row[c] for c in PATIENT_HEADER])
    return rows


def write_patients(path, rows):
    write_csv(path, PATIENT_HEADER, rows, decimals=1)


# ---------------------------------------------------------------- production batches

def patient_batches():
    start, days = "2025-01-06T00:00:00", 5
    write_patients("batches/patients/unchanged.csv", patients(1000, 101, start, days, id_offset=100000))
    write_patients("batches/patients/covariate_shift.csv",
                   patients(1000, 102, start, days, id_offset=200000, age_shift=11, bmi_shift=3.5, glucose_shift=14,
                            smoker_p=(0.40, 0.25, 0.35)))
    write_patients("batches/patients/missing_values.csv",
                   patients(1000, 103, start, days, id_offset=300000,
                            missing={"bmi": 0.35, "cholesterol": 0.45, "glucose": 0.25, "smoker": 0.2, "systolic_bp": 0.15}))
    write_patients("batches/patients/new_categories.csv",
                   patients(1000, 104, start, days, id_offset=400000,
                            admission_types=("emergency", "elective", "urgent", "transfer", "telehealth"),
                            admission_p=(0.35, 0.25, 0.15, 0.05, 0.20),
                            departments=DEPARTMENTS + ["emergency_psychiatry"],
                            insurances=("medicare", "medicaid", "private", "self_pay", "veterans_affairs"),
                            insurance_p=(0.3, 0.2, 0.3, 0.05, 0.15)))
    # corrupt: what a broken upstream export looks like: a dropped column, an extra one, text in numeric
    # columns, impossible values. Row positions are fixed by the seed.
    rows = patients(300, 105, start, days, id_offset=500000)
    rng = np.random.default_rng(1050)
    header = [c for c in PATIENT_HEADER if c != "cholesterol"] + ["ward_code"]
    out = []
    for row in rows:
        record = dict(zip(PATIENT_HEADER, row))
        del record["cholesterol"]
        record["ward_code"] = f"W{int(rng.integers(1, 40)):02d}"
        roll = rng.random()
        if roll < 0.05:
            record["age"] = str(rng.choice(["unknown", "n/a", "sixty"]))
        elif roll < 0.10:
            record["age"] = int(rng.choice([-4, 430, 999]))
        elif roll < 0.14:
            record["bmi"] = float(rng.choice([-1.0, 0.0, 250.0]))
        elif roll < 0.18:
            record["systolic_bp"] = str(rng.choice(["high", "?", "NaN"]))
        out.append([record[c] for c in header])
    write_csv("batches/patients/corrupt.csv", header, out, decimals=1)


def breast_cancer_batches(bc):
    x, y = bc.data, np.array([bc.target_names[t] for t in bc.target])
    std = x.std(axis=0)
    names = [snake(n) for n in bc.feature_names]
    header = names + ["diagnosis"]

    def batch(seed, n=400, shift=None, missing=0.0):
        rng = np.random.default_rng(seed)
        idx = rng.integers(0, len(x), size=n)
        data = x[idx] + rng.normal(0, 0.02, size=(n, x.shape[1])) * std
        if shift is not None:
            data = data + shift * std
        data = np.maximum(data, 0.0)
        rows = []
        for r, label in zip(data, y[idx]):
            values = [float(v) for v in r]
            if missing:
                values = [None if rng.random() < missing else v for v in values]
            rows.append(values + [label])
        return rows

    write_csv("batches/breast_cancer/unchanged.csv", header, batch(201))
    shift = np.zeros(x.shape[1])
    for i, name in enumerate(names):
        if name.endswith(("radius", "perimeter", "area", "texture")):
            shift[i] = 0.8  # larger, coarser tumours: a referral pattern change, not a labelling one
    write_csv("batches/breast_cancer/covariate_shift.csv", header, batch(202, shift=shift))
    write_csv("batches/breast_cancer/missing_values.csv", header, batch(203, missing=0.25))


def main():
    bc = export_real()
    write_patients("patients.csv", patients(5000, 7, "2024-01-01T00:00:00", 366))
    patient_batches()
    breast_cancer_batches(bc)


if __name__ == "__main__":
    main()
