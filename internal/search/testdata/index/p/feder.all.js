annalsSearch.all("feder","By2B");
