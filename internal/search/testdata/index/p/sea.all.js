annalsSearch.all("sea","BWzB");
