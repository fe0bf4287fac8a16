annalsSearch.postings("sources/northsea-observer",{"all":"LDFC"});
