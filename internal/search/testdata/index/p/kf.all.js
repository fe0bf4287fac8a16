annalsSearch.all("kf","By2B");
