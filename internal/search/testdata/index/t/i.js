annalsSearch.terms("i",[["ils",4,"D4C2E2D1"]]);
