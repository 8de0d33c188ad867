"""Private: arXiv's category taxonomy as data (code, English name), grouped by archive.

Source of the facts: arXiv's public category taxonomy page and the arxiv-base taxonomy
definitions (``arxiv/taxonomy/definitions.py``: GROUPS, ARCHIVES, ARCHIVES_SUBSUMED,
CATEGORIES, CATEGORY_ALIASES), checked code by code. Written in our own form; arXiv's
``test`` archive and its ``test.*`` categories are left out (no real papers). Regenerate
nothing; edit by hand and keep ``tests/test_taxonomy.py`` green.
"""

from __future__ import annotations

# group code -> group name
GROUPS: dict[str, str] = {
    "cs": "Computer Science",
    "econ": "Economics",
    "eess": "Electrical Engineering and Systems Science",
    "math": "Mathematics",
    "physics": "Physics",
    "q-bio": "Quantitative Biology",
    "q-fin": "Quantitative Finance",
    "stat": "Statistics",
}

# archive code -> (name, group code)
ARCHIVES: dict[str, tuple[str, str]] = {
    "astro-ph": ("Astrophysics", "physics"),
    "cond-mat": ("Condensed Matter", "physics"),
    "cs": ("Computer Science", "cs"),
    "econ": ("Economics", "econ"),
    "eess": ("Electrical Engineering and Systems Science", "eess"),
    "gr-qc": ("General Relativity and Quantum Cosmology", "physics"),
    "hep-ex": ("High Energy Physics - Experiment", "physics"),
    "hep-lat": ("High Energy Physics - Lattice", "physics"),
    "hep-ph": ("High Energy Physics - Phenomenology", "physics"),
    "hep-th": ("High Energy Physics - Theory", "physics"),
    "math": ("Mathematics", "math"),
    "math-ph": ("Mathematical Physics", "physics"),
    "nlin": ("Nonlinear Sciences", "physics"),
    "nucl-ex": ("Nuclear Experiment", "physics"),
    "nucl-th": ("Nuclear Theory", "physics"),
    "physics": ("Physics", "physics"),
    "q-bio": ("Quantitative Biology", "q-bio"),
    "q-fin": ("Quantitative Finance", "q-fin"),
    "quant-ph": ("Quantum Physics", "physics"),
    "stat": ("Statistics", "stat"),
}

# Archives that no longer exist: code -> (name, group, the category that subsumed it).
# As in arXiv's taxonomy, each defunct archive code is also a category of its own (the
# category of its old papers, ``funct-an/9201001``); its canonical code is the successor.
DEFUNCT_ARCHIVES: dict[str, tuple[str, str, str]] = {
    "acc-phys": ("Accelerator Physics", "physics", "physics.acc-ph"),
    "adap-org": ("Adaptation, Noise, and Self-Organizing Systems", "physics", "nlin.AO"),
    "alg-geom": ("Algebraic Geometry", "math", "math.AG"),
    "ao-sci": ("Atmospheric-Oceanic Sciences", "physics", "physics.ao-ph"),
    "atom-ph": ("Atomic, Molecular and Optical Physics", "physics", "physics.atom-ph"),
    "bayes-an": ("Bayesian Analysis", "physics", "physics.data-an"),
    "chao-dyn": ("Chaotic Dynamics", "physics", "nlin.CD"),
    "chem-ph": ("Chemical Physics", "physics", "physics.chem-ph"),
    "cmp-lg": ("Computation and Language", "cs", "cs.CL"),
    "comp-gas": ("Cellular Automata and Lattice Gases", "physics", "nlin.CG"),
    "dg-ga": ("Differential Geometry", "math", "math.DG"),
    "funct-an": ("Functional Analysis", "math", "math.FA"),
    "mtrl-th": ("Materials Theory", "physics", "cond-mat.mtrl-sci"),
    "patt-sol": ("Pattern Formation and Solitons", "physics", "nlin.PS"),
    "plasm-ph": ("Plasma Physics", "physics", "physics.plasm-ph"),
    "q-alg": ("Quantum Algebra and Topology", "math", "math.QA"),
    "solv-int": ("Exactly Solvable and Integrable Systems", "physics", "nlin.SI"),
    "supr-con": ("Superconductivity", "physics", "cond-mat.supr-con"),
}

# Archives that issued old-style ids (archive/YYMMNNN) between 1991-08 and 2007-03.
OLD_STYLE_ID_ARCHIVES: tuple[str, ...] = (
    "astro-ph", "cond-mat", "cs", "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th",
    "math", "math-ph", "nlin", "nucl-ex", "nucl-th", "physics", "q-bio", "quant-ph",
)  # fmt: skip

# category code -> English name. Archive-level codes that are themselves categories are
# listed too: the single-category physics archives (hep-th, quant-ph, math-ph, ...) and
# the legacy ones arXiv still shows on old papers: astro-ph (until 2008-12, before its
# split), cond-mat (until 2004-01) and q-bio (a secondary category until 2003-08).
# math, cs, nlin, physics, stat, q-fin, econ and eess are archives only, never
# categories. The defunct archives' own codes are added from DEFUNCT_ARCHIVES.
CATEGORIES: dict[str, str] = {
    # Computer Science
    "cs.AI": "Artificial Intelligence",
    "cs.AR": "Hardware Architecture",
    "cs.CC": "Computational Complexity",
    "cs.CE": "Computational Engineering, Finance, and Science",
    "cs.CG": "Computational Geometry",
    "cs.CL": "Computation and Language",
    "cs.CR": "Cryptography and Security",
    "cs.CV": "Computer Vision and Pattern Recognition",
    "cs.CY": "Computers and Society",
    "cs.DB": "Databases",
    "cs.DC": "Distributed, Parallel, and Cluster Computing",
    "cs.DL": "Digital Libraries",
    "cs.DM": "Discrete Mathematics",
    "cs.DS": "Data Structures and Algorithms",
    "cs.ET": "Emerging Technologies",
    "cs.FL": "Formal Languages and Automata Theory",
    "cs.GL": "General Literature",
    "cs.GR": "Graphics",
    "cs.GT": "Computer Science and Game Theory",
    "cs.HC": "Human-Computer Interaction",
    "cs.IR": "Information Retrieval",
    "cs.IT": "Information Theory",
    "cs.LG": "Machine Learning",
    "cs.LO": "Logic in Computer Science",
    "cs.MA": "Multiagent Systems",
    "cs.MM": "Multimedia",
    "cs.MS": "Mathematical Software",
    "cs.NA": "Numerical Analysis",
    "cs.NE": "Neural and Evolutionary Computing",
    "cs.NI": "Networking and Internet Architecture",
    "cs.OH": "Other Computer Science",
    "cs.OS": "Operating Systems",
    "cs.PF": "Performance",
    "cs.PL": "Programming Languages",
    "cs.RO": "Robotics",
    "cs.SC": "Symbolic Computation",
    "cs.SD": "Sound",
    "cs.SE": "Software Engineering",
    "cs.SI": "Social and Information Networks",
    "cs.SY": "Systems and Control",
    # Economics
    "econ.EM": "Econometrics",
    "econ.GN": "General Economics",
    "econ.TH": "Theoretical Economics",
    # Electrical Engineering and Systems Science
    "eess.AS": "Audio and Speech Processing",
    "eess.IV": "Image and Video Processing",
    "eess.SP": "Signal Processing",
    "eess.SY": "Systems and Control",
    # Mathematics
    "math.AC": "Commutative Algebra",
    "math.AG": "Algebraic Geometry",
    "math.AP": "Analysis of PDEs",
    "math.AT": "Algebraic Topology",
    "math.CA": "Classical Analysis and ODEs",
    "math.CO": "Combinatorics",
    "math.CT": "Category Theory",
    "math.CV": "Complex Variables",
    "math.DG": "Differential Geometry",
    "math.DS": "Dynamical Systems",
    "math.FA": "Functional Analysis",
    "math.GM": "General Mathematics",
    "math.GN": "General Topology",
    "math.GR": "Group Theory",
    "math.GT": "Geometric Topology",
    "math.HO": "History and Overview",
    "math.IT": "Information Theory",
    "math.KT": "K-Theory and Homology",
    "math.LO": "Logic",
    "math.MG": "Metric Geometry",
    "math.MP": "Mathematical Physics",
    "math.NA": "Numerical Analysis",
    "math.NT": "Number Theory",
    "math.OA": "Operator Algebras",
    "math.OC": "Optimization and Control",
    "math.PR": "Probability",
    "math.QA": "Quantum Algebra",
    "math.RA": "Rings and Algebras",
    "math.RT": "Representation Theory",
    "math.SG": "Symplectic Geometry",
    "math.SP": "Spectral Theory",
    "math.ST": "Statistics Theory",
    # Physics: astro-ph
    "astro-ph": "Astrophysics",
    "astro-ph.CO": "Cosmology and Nongalactic Astrophysics",
    "astro-ph.EP": "Earth and Planetary Astrophysics",
    "astro-ph.GA": "Astrophysics of Galaxies",
    "astro-ph.HE": "High Energy Astrophysical Phenomena",
    "astro-ph.IM": "Instrumentation and Methods for Astrophysics",
    "astro-ph.SR": "Solar and Stellar Astrophysics",
    # Physics: cond-mat
    "cond-mat": "Condensed Matter",
    "cond-mat.dis-nn": "Disordered Systems and Neural Networks",
    "cond-mat.mes-hall": "Mesoscale and Nanoscale Physics",
    "cond-mat.mtrl-sci": "Materials Science",
    "cond-mat.other": "Other Condensed Matter",
    "cond-mat.quant-gas": "Quantum Gases",
    "cond-mat.soft": "Soft Condensed Matter",
    "cond-mat.stat-mech": "Statistical Mechanics",
    "cond-mat.str-el": "Strongly Correlated Electrons",
    "cond-mat.supr-con": "Superconductivity",
    # Physics: single-category archives
    "gr-qc": "General Relativity and Quantum Cosmology",
    "hep-ex": "High Energy Physics - Experiment",
    "hep-lat": "High Energy Physics - Lattice",
    "hep-ph": "High Energy Physics - Phenomenology",
    "hep-th": "High Energy Physics - Theory",
    "math-ph": "Mathematical Physics",
    "nucl-ex": "Nuclear Experiment",
    "nucl-th": "Nuclear Theory",
    "quant-ph": "Quantum Physics",
    # Physics: nlin
    "nlin.AO": "Adaptation and Self-Organizing Systems",
    "nlin.CD": "Chaotic Dynamics",
    "nlin.CG": "Cellular Automata and Lattice Gases",
    "nlin.PS": "Pattern Formation and Solitons",
    "nlin.SI": "Exactly Solvable and Integrable Systems",
    # Physics: physics
    "physics.acc-ph": "Accelerator Physics",
    "physics.ao-ph": "Atmospheric and Oceanic Physics",
    "physics.app-ph": "Applied Physics",
    "physics.atm-clus": "Atomic and Molecular Clusters",
    "physics.atom-ph": "Atomic Physics",
    "physics.bio-ph": "Biological Physics",
    "physics.chem-ph": "Chemical Physics",
    "physics.class-ph": "Classical Physics",
    "physics.comp-ph": "Computational Physics",
    "physics.data-an": "Data Analysis, Statistics and Probability",
    "physics.ed-ph": "Physics Education",
    "physics.flu-dyn": "Fluid Dynamics",
    "physics.gen-ph": "General Physics",
    "physics.geo-ph": "Geophysics",
    "physics.hist-ph": "History and Philosophy of Physics",
    "physics.ins-det": "Instrumentation and Detectors",
    "physics.med-ph": "Medical Physics",
    "physics.optics": "Optics",
    "physics.plasm-ph": "Plasma Physics",
    "physics.pop-ph": "Popular Physics",
    "physics.soc-ph": "Physics and Society",
    "physics.space-ph": "Space Physics",
    # Quantitative Biology
    "q-bio": "Quantitative Biology",
    "q-bio.BM": "Biomolecules",
    "q-bio.CB": "Cell Behavior",
    "q-bio.GN": "Genomics",
    "q-bio.MN": "Molecular Networks",
    "q-bio.NC": "Neurons and Cognition",
    "q-bio.OT": "Other Quantitative Biology",
    "q-bio.PE": "Populations and Evolution",
    "q-bio.QM": "Quantitative Methods",
    "q-bio.SC": "Subcellular Processes",
    "q-bio.TO": "Tissues and Organs",
    # Quantitative Finance
    "q-fin.CP": "Computational Finance",
    "q-fin.EC": "Economics",
    "q-fin.GN": "General Finance",
    "q-fin.MF": "Mathematical Finance",
    "q-fin.PM": "Portfolio Management",
    "q-fin.PR": "Pricing of Securities",
    "q-fin.RM": "Risk Management",
    "q-fin.ST": "Statistical Finance",
    "q-fin.TR": "Trading and Market Microstructure",
    # Statistics
    "stat.AP": "Applications",
    "stat.CO": "Computation",
    "stat.ME": "Methodology",
    "stat.ML": "Machine Learning",
    "stat.OT": "Other Statistics",
    "stat.TH": "Statistics Theory",
}

# Pairs of codes arXiv treats as one category: alias -> canonical code.
# A paper listed in one is listed in both; the canonical code is the one arXiv shows.
ALIASES: dict[str, str] = {
    "cs.NA": "math.NA",
    "math.IT": "cs.IT",
    "cs.SY": "eess.SY",
    "q-fin.EC": "econ.GN",
    "math.MP": "math-ph",
    "stat.TH": "math.ST",
}
