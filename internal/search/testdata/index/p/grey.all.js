annalsSearch.all("grey","BWzB");
