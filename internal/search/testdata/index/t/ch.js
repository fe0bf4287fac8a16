annalsSearch.terms("ch",[["chair",1,"Gv"],
["cheer",1,"Lv"]]);
