annalsSearch.postings("sources/toriva-morning-post",{"all":"LGB"});
