annalsSearch.terms("k",[["kestrel",8,0],
["kf",8,0]]);
