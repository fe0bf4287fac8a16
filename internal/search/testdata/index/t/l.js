annalsSearch.terms("l",[["le",1,"Mu"],
["leader",1,"M6"],
["ledger",3,"A2F2E2"]]);
