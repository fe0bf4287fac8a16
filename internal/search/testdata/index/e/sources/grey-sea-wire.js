annalsSearch.postings("sources/grey-sea-wire",{"all":"BWgB"});
