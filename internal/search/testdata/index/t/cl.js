annalsSearch.terms("cl",[["close",2,"HvCv"],
["closur",1,"H4"]]);
