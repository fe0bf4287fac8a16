annalsSearch.postings("sources/vask-ledger",{"all":"LAFE"});
