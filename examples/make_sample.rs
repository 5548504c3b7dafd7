//! Writes the built-in sample assessment workbook.
//!
//! The figures for Tunbridge Wells are those published in the 2016/17
//! Partnership Plan; the other Kent districts carry plausible figures chosen so
//! that the published ranks and county-wide changes hold (Tunbridge Wells has the
//! lowest all-crime rate and the third lowest violent crime rate, Kent robbery
//! fell 3%, Kent domestic abuse rose 7%, Tunbridge Wells is 11th of 12 for drug
//! offences…). The app imports this file through the same path as a user's file.
//!
//! Run: `cargo run --example make_sample -- public/sample/csp-sample-assessment.xlsx`

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

const DISTRICTS: [&str; 12] = [
    "Ashford",
    "Canterbury",
    "Dartford",
    "Dover",
    "Gravesham",
    "Maidstone",
    "Sevenoaks",
    "Shepway",
    "Swale",
    "Thanet",
    "Tonbridge and Malling",
    "Tunbridge Wells",
];

/// Mid-2014 population estimates, in district order.
const POPULATION: [u32; 12] = [
    123_900, 160_800, 102_100, 112_800, 105_300, 161_200, 118_200, 110_000, 141_000, 138_400,
    124_100, 116_100,
];

/// (measure, previous year, current year), each in district order.
type RollingYearFigures = (&'static str, [u32; 12], [u32; 12]);

const RECORDED_CRIME: [RollingYearFigures; 5] = [
    (
        "All crime",
        [
            8420, 13300, 8120, 8050, 7410, 11250, 5310, 8600, 11450, 13310, 6700, 4998,
        ],
        [
            8650, 13900, 7950, 8300, 7700, 11600, 5420, 8900, 11900, 13700, 6880, 5040,
        ],
    ),
    (
        "Violent crime",
        [
            2700, 4100, 2600, 2750, 2400, 3500, 1400, 2850, 4000, 4550, 1620, 1501,
        ],
        [
            2900, 4350, 2650, 2950, 2600, 3800, 1480, 3050, 4300, 4900, 1750, 1696,
        ],
    ),
    (
        "Robbery",
        [64, 98, 72, 44, 80, 86, 30, 50, 74, 95, 48, 38],
        [60, 95, 70, 40, 75, 82, 28, 48, 70, 90, 45, 53],
    ),
    (
        "Drug offences",
        [165, 270, 150, 175, 150, 240, 130, 185, 220, 345, 165, 257],
        [150, 260, 130, 160, 140, 230, 120, 170, 200, 330, 150, 212],
    ),
    (
        "Domestic abuse incidents",
        [
            1500, 1850, 1500, 1400, 1350, 1950, 850, 1450, 2050, 2300, 1100, 1127,
        ],
        [
            1590, 1960, 1470, 1490, 1430, 2130, 890, 1550, 2230, 2488, 1170, 1319,
        ],
    ),
];

const ROLLING_YEARS: [&str; 5] = [
    "Oct 2010 - Sep 2011",
    "Oct 2011 - Sep 2012",
    "Oct 2012 - Sep 2013",
    "Oct 2013 - Sep 2014",
    "Oct 2014 - Sep 2015",
];

/// Anti-social behaviour incidents for the last two rolling years; earlier
/// years are scaled up so every district shows falls over five years.
const ASB: ([u32; 12], [u32; 12]) = (
    [
        4950, 7300, 4350, 4650, 4450, 6450, 3100, 5100, 6850, 7700, 3400, 3312,
    ],
    [
        4700, 6900, 4150, 4400, 4200, 6100, 2950, 4850, 6500, 7300, 3240, 3246,
    ],
);
const ASB_EARLIER_SCALE: [f64; 3] = [1.28, 1.17, 1.075];
const ASB_TUNBRIDGE_WELLS_EARLIER: [u32; 3] = [4250, 3900, 3560];

/// Monthly domestic abuse victims and repeat victims, Oct 2014 to Sep 2015.
const DA_MONTHS: [&str; 12] = [
    "2014-10", "2014-11", "2014-12", "2015-01", "2015-02", "2015-03", "2015-04", "2015-05",
    "2015-06", "2015-07", "2015-08", "2015-09",
];
const DA_VICTIMS_TW: [u32; 12] = [106, 115, 111, 119, 115, 111, 106, 115, 119, 111, 115, 115];
const DA_REPEATS_TW: [u32; 12] = [25, 27, 26, 28, 27, 26, 25, 27, 28, 26, 27, 27];
const DA_VICTIMS_KENT: [u32; 12] = [
    1365, 1420, 1392, 1455, 1435, 1380, 1349, 1412, 1447, 1376, 1404, 1427,
];
const DA_REPEATS_KENT: [u32; 12] = [348, 362, 355, 371, 366, 352, 344, 360, 369, 351, 358, 364];

/// Tunbridge Wells road casualties by calendar year, 2004–2014:
/// all, KSI, child KSI, child slight, aged 65 and over.
const ROAD_YEARS: [u16; 11] = [
    2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014,
];
const ROAD_ALL: [u32; 11] = [470, 455, 480, 452, 458, 440, 430, 445, 438, 461, 482];
const ROAD_KSI: [u32; 11] = [75, 68, 72, 66, 69, 60, 55, 52, 50, 54, 59];
const ROAD_CHILD_KSI: [u32; 11] = [4, 2, 3, 3, 3, 3, 4, 2, 5, 6, 7];
const ROAD_CHILD_SLIGHT: [u32; 11] = [36, 34, 37, 33, 35, 33, 30, 32, 34, 31, 44];
const ROAD_OVER_65: [u32; 11] = [40, 38, 44, 41, 39, 43, 40, 45, 42, 55, 52];

/// Tunbridge Wells road casualties in 2014 by road user.
const ROAD_USERS_2014: [(&str, u32); 7] = [
    ("Car occupant", 337),
    ("Pedestrian", 40),
    ("Pedal cyclist", 38),
    ("Motorcyclist", 42),
    ("Bus or coach passenger", 8),
    ("Goods vehicle occupant", 12),
    ("Other road user", 5),
];

/// Arrests for drunkenness in Tunbridge Wells in 2015 by location.
const DRUNKENNESS_2015: [(&str, u32); 5] = [
    ("Town centre", 103),
    ("Southborough", 5),
    ("Paddock Wood", 4),
    ("Cranbrook", 3),
    ("Elsewhere in the borough", 4),
];

/// Quarterly monitoring against the 2015/16 targets (illustrative): 2014/15 in
/// full as the baseline, 2015/16 to the end of Q2. Blank cells were not collected.
const QUARTERS: [&str; 6] = [
    "Q1 2014/15",
    "Q2 2014/15",
    "Q3 2014/15",
    "Q4 2014/15",
    "Q1 2015/16",
    "Q2 2015/16",
];
const MONITORING: [(&str, [Option<u32>; 6]); 3] = [
    (
        "Violent crimes in the night-time economy",
        [Some(52), Some(58), Some(49), Some(61), Some(47), Some(50)],
    ),
    (
        "Repeat domestic abuse cases",
        [Some(70), Some(75), Some(80), Some(78), Some(82), Some(85)],
    ),
    (
        "Secondary schools engaged with KFRS road safety (%)",
        [None, None, None, None, Some(25), Some(42)],
    ),
];

fn main() -> Result<(), XlsxError> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "public/sample/csp-sample-assessment.xlsx".to_string());
    let mut workbook = Workbook::new();
    // A fixed creation date keeps the file byte-for-byte reproducible.
    workbook.set_properties(
        &DocProperties::new()
            .set_title("CSP Workbench sample: Tunbridge Wells strategic assessment 2015")
            .set_author("CSP Workbench")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2016, 1, 15)?),
    );
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);

    about_sheet(workbook.add_worksheet(), &title)?;
    recorded_crime_sheet(workbook.add_worksheet(), &title, &bold)?;
    asb_sheet(workbook.add_worksheet(), &title, &bold)?;
    domestic_abuse_sheet(workbook.add_worksheet(), &title, &bold)?;
    road_casualties_sheet(workbook.add_worksheet(), &title, &bold)?;
    road_users_sheet(workbook.add_worksheet(), &title, &bold)?;
    drunkenness_sheet(workbook.add_worksheet(), &title, &bold)?;
    population_sheet(workbook.add_worksheet(), &title, &bold)?;
    monitoring_sheet(workbook.add_worksheet(), &title, &bold)?;

    if let Some(dir) = std::path::Path::new(&path).parent() {
        std::fs::create_dir_all(dir).map_err(XlsxError::IoError)?;
    }
    workbook.save(&path)?;
    println!("wrote {path}");
    // The app starts from the sample's tidy data, so its first visit needs no
    // spreadsheet reader; this is exactly what the importer makes of the file,
    // with the slice of the geography its areas need.
    let bytes = std::fs::read(&path).map_err(XlsxError::IoError)?;
    let name = std::path::Path::new(&path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("csp-sample-assessment.xlsx");
    let mut dataset = csp_workbench::core::ingest::import_file(name, &bytes)
        .map_err(|e| XlsxError::ParameterError(e.to_string()))?;
    // With the part of the geography it needs: the page's first visit fetches none.
    dataset.carry_geography(csp_workbench::core::geography::national());
    let json =
        serde_json::to_string(&dataset).map_err(|e| XlsxError::ParameterError(e.to_string()))?;
    let data_path = format!("{}.dataset.json", path.trim_end_matches(".xlsx"));
    std::fs::write(&data_path, json + "\n").map_err(XlsxError::IoError)?;
    println!("wrote {data_path}");
    Ok(())
}

fn header(
    sheet: &mut Worksheet,
    row: u32,
    labels: &[&str],
    bold: &Format,
) -> Result<(), XlsxError> {
    for (c, label) in labels.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, *label, bold)?;
    }
    sheet.set_freeze_panes(row + 1, 0)?;
    Ok(())
}

fn titles(
    sheet: &mut Worksheet,
    name: &str,
    lines: &[&str],
    title: &Format,
) -> Result<u32, XlsxError> {
    sheet.set_name(name)?;
    sheet.write_string_with_format(0, 0, lines[0], title)?;
    for (i, line) in lines.iter().enumerate().skip(1) {
        sheet.write_string(i as u32, 0, *line)?;
    }
    sheet.set_column_width(0, 24)?;
    // One blank row between the notes and the table, as partner extracts have.
    Ok(lines.len() as u32 + 1)
}

fn about_sheet(sheet: &mut Worksheet, title: &Format) -> Result<(), XlsxError> {
    titles(
        sheet,
        "About",
        &[
            "Tunbridge Wells Community Safety Partnership: strategic assessment sample",
            "Figures for Tunbridge Wells are those published in the Partnership Plan 2016-17.",
            "Figures for other Kent districts are illustrative: they keep the published ranks and county changes.",
            "Recorded crime and anti-social behaviour cover rolling years from October to September.",
            "Road casualties are calendar years; populations are mid-2014 estimates.",
        ],
        title,
    )?;
    Ok(())
}

fn recorded_crime_sheet(
    sheet: &mut Worksheet,
    title: &Format,
    bold: &Format,
) -> Result<(), XlsxError> {
    let row0 = titles(
        sheet,
        "Recorded crime",
        &[
            "Police recorded crime by district, Kent",
            "Source: Kent Police. Rolling years ending September.",
        ],
        title,
    )?;
    header(
        sheet,
        row0,
        &["Area", "Measure", ROLLING_YEARS[3], ROLLING_YEARS[4]],
        bold,
    )?;
    let mut row = row0 + 1;
    for (d, district) in DISTRICTS.iter().enumerate() {
        for (measure, previous, current) in &RECORDED_CRIME {
            sheet.write_string(row, 0, *district)?;
            sheet.write_string(row, 1, *measure)?;
            sheet.write_number(row, 2, previous[d])?;
            sheet.write_number(row, 3, current[d])?;
            row += 1;
        }
    }
    for (measure, previous, current) in &RECORDED_CRIME {
        sheet.write_string_with_format(row, 0, "Kent", bold)?;
        sheet.write_string(row, 1, *measure)?;
        sheet.write_number(row, 2, previous.iter().sum::<u32>())?;
        sheet.write_number(row, 3, current.iter().sum::<u32>())?;
        row += 1;
    }
    sheet.set_column_width(1, 26)?;
    sheet.set_column_width(2, 20)?;
    sheet.set_column_width(3, 20)?;
    Ok(())
}

fn asb_sheet(sheet: &mut Worksheet, title: &Format, bold: &Format) -> Result<(), XlsxError> {
    let row0 = titles(
        sheet,
        "Anti-social behaviour",
        &[
            "Anti-social behaviour incidents reported to Kent Police, by district",
            "Rolling years ending September.",
        ],
        title,
    )?;
    let mut labels = vec!["Area", "Measure"];
    labels.extend(ROLLING_YEARS);
    header(sheet, row0, &labels, bold)?;
    let mut totals = [0u32; 5];
    for (d, district) in DISTRICTS.iter().enumerate() {
        let row = row0 + 1 + d as u32;
        let years = asb_years(d);
        sheet.write_string(row, 0, *district)?;
        sheet.write_string(row, 1, "Anti-social behaviour incidents")?;
        for (y, value) in years.iter().enumerate() {
            sheet.write_number(row, 2 + y as u16, *value)?;
            totals[y] += value;
        }
    }
    let row = row0 + 1 + DISTRICTS.len() as u32;
    sheet.write_string_with_format(row, 0, "Kent", bold)?;
    sheet.write_string(row, 1, "Anti-social behaviour incidents")?;
    for (y, value) in totals.iter().enumerate() {
        sheet.write_number(row, 2 + y as u16, *value)?;
    }
    Ok(())
}

fn asb_years(district: usize) -> [u32; 5] {
    let (previous, current) = (ASB.0[district], ASB.1[district]);
    let earlier: [u32; 3] = if DISTRICTS[district] == "Tunbridge Wells" {
        ASB_TUNBRIDGE_WELLS_EARLIER
    } else {
        ASB_EARLIER_SCALE.map(|s| (previous as f64 * s).round() as u32)
    };
    [earlier[0], earlier[1], earlier[2], previous, current]
}

fn domestic_abuse_sheet(
    sheet: &mut Worksheet,
    title: &Format,
    bold: &Format,
) -> Result<(), XlsxError> {
    let row0 = titles(
        sheet,
        "Domestic abuse repeats",
        &[
            "Domestic abuse victims and repeat victims by month",
            "A repeat victim has reported domestic abuse in the previous 12 months.",
        ],
        title,
    )?;
    header(
        sheet,
        row0,
        &["Month", "Area", "Domestic abuse victims", "Repeat victims"],
        bold,
    )?;
    let mut row = row0 + 1;
    for (area, victims, repeats) in [
        ("Tunbridge Wells", DA_VICTIMS_TW, DA_REPEATS_TW),
        ("Kent", DA_VICTIMS_KENT, DA_REPEATS_KENT),
    ] {
        for m in 0..DA_MONTHS.len() {
            sheet.write_string(row, 0, DA_MONTHS[m])?;
            sheet.write_string(row, 1, area)?;
            sheet.write_number(row, 2, victims[m])?;
            sheet.write_number(row, 3, repeats[m])?;
            row += 1;
        }
    }
    Ok(())
}

fn road_casualties_sheet(
    sheet: &mut Worksheet,
    title: &Format,
    bold: &Format,
) -> Result<(), XlsxError> {
    let row0 = titles(
        sheet,
        "Road casualties",
        &[
            "Reported road casualties, Tunbridge Wells, 2004 to 2014",
            "KSI: killed or seriously injured. Child: aged 0 to 15.",
        ],
        title,
    )?;
    header(
        sheet,
        row0,
        &[
            "Area",
            "Year",
            "All casualties",
            "KSI casualties",
            "Child KSI casualties",
            "Child slight casualties",
            "Child casualties",
            "Casualties aged 65 and over",
        ],
        bold,
    )?;
    for (i, year) in ROAD_YEARS.iter().enumerate() {
        let row = row0 + 1 + i as u32;
        sheet.write_string(row, 0, "Tunbridge Wells")?;
        sheet.write_number(row, 1, *year)?;
        sheet.write_number(row, 2, ROAD_ALL[i])?;
        sheet.write_number(row, 3, ROAD_KSI[i])?;
        sheet.write_number(row, 4, ROAD_CHILD_KSI[i])?;
        sheet.write_number(row, 5, ROAD_CHILD_SLIGHT[i])?;
        sheet.write_number(row, 6, ROAD_CHILD_KSI[i] + ROAD_CHILD_SLIGHT[i])?;
        sheet.write_number(row, 7, ROAD_OVER_65[i])?;
    }
    Ok(())
}

fn road_users_sheet(sheet: &mut Worksheet, title: &Format, bold: &Format) -> Result<(), XlsxError> {
    let row0 = titles(
        sheet,
        "Casualties by road user",
        &["Reported road casualties by road user, Tunbridge Wells, 2014"],
        title,
    )?;
    header(
        sheet,
        row0,
        &["Area", "Year", "Road user", "Road casualties"],
        bold,
    )?;
    let mut row = row0 + 1;
    for (user, casualties) in ROAD_USERS_2014 {
        sheet.write_string(row, 0, "Tunbridge Wells")?;
        sheet.write_number(row, 1, 2014)?;
        sheet.write_string(row, 2, user)?;
        sheet.write_number(row, 3, casualties)?;
        row += 1;
    }
    sheet.write_string_with_format(row, 0, "Tunbridge Wells", bold)?;
    sheet.write_number_with_format(row, 1, 2014, bold)?;
    sheet.write_string_with_format(row, 2, "Total", bold)?;
    let total: u32 = ROAD_USERS_2014.iter().map(|(_, n)| n).sum();
    sheet.write_number_with_format(row, 3, total, bold)?;
    Ok(())
}

fn drunkenness_sheet(
    sheet: &mut Worksheet,
    title: &Format,
    bold: &Format,
) -> Result<(), XlsxError> {
    let row0 = titles(
        sheet,
        "Drunkenness arrests",
        &["Arrests for drunkenness by location, Tunbridge Wells, 2015"],
        title,
    )?;
    header(
        sheet,
        row0,
        &["Area", "Year", "Location", "Drunkenness arrests"],
        bold,
    )?;
    let mut row = row0 + 1;
    for (location, arrests) in DRUNKENNESS_2015 {
        sheet.write_string(row, 0, "Tunbridge Wells")?;
        sheet.write_number(row, 1, 2015)?;
        sheet.write_string(row, 2, location)?;
        sheet.write_number(row, 3, arrests)?;
        row += 1;
    }
    sheet.write_string_with_format(row, 0, "Tunbridge Wells", bold)?;
    sheet.write_number_with_format(row, 1, 2015, bold)?;
    sheet.write_string_with_format(row, 2, "Total", bold)?;
    let total: u32 = DRUNKENNESS_2015.iter().map(|(_, n)| n).sum();
    sheet.write_number_with_format(row, 3, total, bold)?;
    Ok(())
}

fn population_sheet(sheet: &mut Worksheet, title: &Format, bold: &Format) -> Result<(), XlsxError> {
    let row0 = titles(
        sheet,
        "Population",
        &["Mid-2014 population estimates, Kent districts"],
        title,
    )?;
    header(sheet, row0, &["Area", "Year", "Population"], bold)?;
    for (d, district) in DISTRICTS.iter().enumerate() {
        let row = row0 + 1 + d as u32;
        sheet.write_string(row, 0, *district)?;
        sheet.write_number(row, 1, 2014)?;
        sheet.write_number(row, 2, POPULATION[d])?;
    }
    let row = row0 + 1 + DISTRICTS.len() as u32;
    sheet.write_string_with_format(row, 0, "Kent", bold)?;
    sheet.write_number(row, 1, 2014)?;
    sheet.write_number(row, 2, POPULATION.iter().sum::<u32>())?;
    Ok(())
}

fn monitoring_sheet(sheet: &mut Worksheet, title: &Format, bold: &Format) -> Result<(), XlsxError> {
    let row0 = titles(
        sheet,
        "Quarterly monitoring",
        &[
            "Quarterly monitoring of the 2015/16 targets, Tunbridge Wells",
            "Illustrative figures for the sample. Blank: not collected that quarter.",
        ],
        title,
    )?;
    let mut labels = vec!["Area", "Measure"];
    labels.extend(QUARTERS);
    header(sheet, row0, &labels, bold)?;
    for (i, (measure, values)) in MONITORING.iter().enumerate() {
        let row = row0 + 1 + i as u32;
        sheet.write_string(row, 0, "Tunbridge Wells")?;
        sheet.write_string(row, 1, *measure)?;
        for (q, value) in values.iter().enumerate() {
            if let Some(v) = value {
                sheet.write_number(row, 2 + q as u16, *v)?;
            }
        }
    }
    sheet.set_column_width(1, 48)?;
    Ok(())
}
