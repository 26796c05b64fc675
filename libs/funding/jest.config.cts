module.exports = {
  displayName: 'funding',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/funding',
};
