annalsSearch.all("kestrel","By2B");
